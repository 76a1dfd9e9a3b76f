-- API keys: only the SHA-256 of the secret is stored; the secret is shown once, at creation.
set local role zenglow_owner;

create table zenglow.api_keys (
    tenant_id text not null references zenglow.tenants (tenant_id),
    key_id uuid not null default gen_random_uuid(),
    prefix text not null constraint api_keys_prefix_format check (prefix ~ '^zg_[A-Za-z0-9]{8,32}$'),
    secret_sha256 bytea not null constraint api_keys_secret_sha256_length check (length(secret_sha256) = 32),
    name text not null default '',
    scopes text[] not null
        constraint api_keys_scopes_known check (scopes <@ array['query', 'ingest', 'admin']::text[] and cardinality(scopes) > 0),
    created_at timestamptz not null default now(),
    expires_at timestamptz,
    revoked_at timestamptz,
    last_used_at timestamptz,
    primary key (tenant_id, key_id),
    constraint api_keys_prefix_once unique (tenant_id, prefix)
);

-- Lookup by prefix happens before the tenant is known (zenglow_api.authenticate_key).
create index api_keys_prefix on zenglow.api_keys (prefix);

comment on table zenglow.api_keys is
    'API keys: prefix (public, zg_…), SHA-256 of the secret, scopes query/ingest/admin, expiry and revocation.';
