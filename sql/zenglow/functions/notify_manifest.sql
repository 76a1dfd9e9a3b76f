set local role zenglow_owner;

create or replace function zenglow.notify_manifest()
returns trigger
language plpgsql
as $$
-- Announces a batch state change on zenglow_manifest, in the changing transaction (a rollback
-- announces nothing). Ids and the state only: listeners re-read the row under their tenant.
begin
    perform pg_notify('zenglow_manifest',
        json_build_object('tenant_id', new.tenant_id, 'batch_id', new.batch_id, 'state', new.state)::text);
    return null;
end
$$;
