-- Keys may carry the embed scope (POST /v1/embeddings: the local embedder for the rest of a
-- deployment). The check is replaced in one statement, so no moment allows an unknown scope.
set local role zenglow_owner;

alter table zenglow.api_keys
    drop constraint api_keys_scopes_known,
    add constraint api_keys_scopes_known
        check (scopes <@ array['query', 'ingest', 'admin', 'embed']::text[] and cardinality(scopes) > 0);

comment on table zenglow.api_keys is
    'API keys: prefix (public, zg_…), SHA-256 of the secret, scopes query/ingest/admin/embed, expiry and revocation.';
