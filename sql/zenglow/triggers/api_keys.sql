set local role zenglow_owner;

-- Only changes that alter what a key may do: last_used_at, written by every check at most once a
-- minute, must not empty the caches the checks fill.
drop trigger if exists api_keys_notify on zenglow.api_keys;
create trigger api_keys_notify
    after update of revoked_at, expires_at, scopes, secret_sha256, prefix, tenant_id or delete on zenglow.api_keys
    for each row execute function zenglow.notify_key_change();
