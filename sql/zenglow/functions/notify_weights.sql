set local role zenglow_owner;

create or replace function zenglow.notify_weights()
returns trigger
language plpgsql
as $$
-- Announces a new fusion-weight version on zenglow_weights in the same transaction; listeners
-- re-read the active weights (a _global change concerns every tenant without its own weights).
begin
    perform pg_notify('zenglow_weights',
        json_build_object('tenant_id', new.tenant_id, 'version', new.version)::text);
    return null;
end
$$;
