set local role zenglow_owner;

create or replace function zenglow.notify_key_change()
returns trigger
language plpgsql
as $$
-- Announces a changed or deleted API key (revoked, expiry moved, scopes edited) on zenglow_keys
-- in the same transaction, so API instances drop it from their authentication caches at once.
-- The payload names the key by its public prefix only.
begin
    perform pg_notify('zenglow_keys',
        json_build_object('tenant_id', old.tenant_id, 'prefix', old.prefix)::text);
    return null;
end
$$;
