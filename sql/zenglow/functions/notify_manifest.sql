set local role zenglow_owner;

create or replace function zenglow.notify_manifest()
returns trigger
language plpgsql
as $$
-- Announces a batch state change on zenglow_manifest, in the changing transaction (a rollback
-- announces nothing). Ids and the state only, plus the alert reason once the spool worker has
-- set one (zenglow_api.annotate_batch), so a dashboard can tell a healed load from a clean one
-- without reading the row; listeners re-read the row under their tenant for anything else.
begin
    if new.alert_reason is null then
        perform pg_notify('zenglow_manifest',
            json_build_object('tenant_id', new.tenant_id, 'batch_id', new.batch_id, 'state', new.state)::text);
    else
        perform pg_notify('zenglow_manifest',
            json_build_object('tenant_id', new.tenant_id, 'batch_id', new.batch_id, 'state', new.state,
                'reason', new.alert_reason)::text);
    end if;
    return null;
end
$$;
