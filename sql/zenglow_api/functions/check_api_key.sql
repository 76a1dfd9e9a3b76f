set local role zenglow_owner;

create or replace function zenglow_api.check_api_key(p_prefix text, p_secret_sha256 bytea)
returns table (tenant_id text, key_id uuid, scopes text[], status text, expires_at timestamptz)
language plpgsql
volatile
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Looks an API key up by its public prefix (before any tenant is known, hence SECURITY DEFINER
-- in maintenance mode) and compares the SHA-256 of the presented secret with the stored one.
-- Comparing digests leaks no timing an attacker can use: they control the secret, not its hash.
-- status: ok, unknown (no such prefix or wrong secret: one answer for both), revoked, expired.
-- expires_at lets a caller cache an ok answer no longer than the key lives.
-- last_used_at is written at most once a minute per key, not on every request.
declare
    v_key zenglow.api_keys;
begin
    perform zenglow.maintenance_mode(true);
    select * into v_key from zenglow.api_keys k where k.prefix = p_prefix;
    if not found or v_key.secret_sha256 <> p_secret_sha256 then
        perform zenglow.maintenance_mode(false);
        return query select null::text, null::uuid, null::text[], 'unknown'::text, null::timestamptz;
        return;
    end if;
    if v_key.revoked_at is not null and v_key.revoked_at <= now() then
        perform zenglow.maintenance_mode(false);
        return query select v_key.tenant_id, v_key.key_id, v_key.scopes, 'revoked'::text, v_key.expires_at;
        return;
    end if;
    if v_key.expires_at is not null and v_key.expires_at <= now() then
        perform zenglow.maintenance_mode(false);
        return query select v_key.tenant_id, v_key.key_id, v_key.scopes, 'expired'::text, v_key.expires_at;
        return;
    end if;
    update zenglow.api_keys k set last_used_at = now()
    where k.tenant_id = v_key.tenant_id and k.key_id = v_key.key_id
      and (k.last_used_at is null or k.last_used_at < now() - interval '1 minute');
    perform zenglow.maintenance_mode(false);
    return query select v_key.tenant_id, v_key.key_id, v_key.scopes, 'ok'::text, v_key.expires_at;
end
$$;

comment on function zenglow_api.check_api_key(text, bytea) is
    'Checks an API key: prefix and SHA-256 of its secret -> tenant_id, key_id, scopes, status (ok|unknown|revoked|expired), expires_at.';
