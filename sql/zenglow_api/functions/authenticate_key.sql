set local role zenglow_owner;

create or replace function zenglow_api.authenticate_key(p_prefix text, p_secret_sha256 bytea)
returns table (tenant_id text, key_id uuid, scopes text[], status text)
language sql
volatile
as $$
    -- zenglow_api.check_api_key without the expiry (kept for callers that need no cache bound).
    select k.tenant_id, k.key_id, k.scopes, k.status from zenglow_api.check_api_key(p_prefix, p_secret_sha256) k
$$;

comment on function zenglow_api.authenticate_key(text, bytea) is
    'Checks an API key: prefix and SHA-256 of its secret -> tenant_id, key_id, scopes, status (ok|unknown|revoked|expired).';
