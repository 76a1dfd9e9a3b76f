set local role zenglow_owner;

create or replace function zenglow.notify_manifest()
returns trigger
language plpgsql
as $$
-- Announces a batch state change on zenglow_manifest, in the changing transaction (a rollback
-- announces nothing). Ids and the state only, plus the alert reason once the spool worker has
-- set one (zenglow_api.annotate_batch), so a dashboard can tell a healed load from a clean one
-- without reading the row; listeners re-read the row under their tenant for anything else.
-- A batch that became searchable (its state changed to done or healed) also carries
-- corpus_epoch, the tenant's corpus epoch after the change (zenglow.advance_corpus_epoch, which
-- the load has advanced already in this transaction, or advances now), so that the build
-- update the API publishes names the version its response cache moved to:
--   {tenant_id, batch_id, state[, reason][, corpus_epoch]}
declare
    v_epoch bigint;
begin
    if new.state in ('done', 'healed') and (tg_op = 'INSERT' or old.state is distinct from new.state) then
        v_epoch := zenglow.advance_corpus_epoch(new.tenant_id);
    end if;
    -- json_build_object, not jsonb: the keys stay in this order and the text as /events relays it.
    perform pg_notify('zenglow_manifest', case
        when new.alert_reason is null and v_epoch is null then
            json_build_object('tenant_id', new.tenant_id, 'batch_id', new.batch_id, 'state', new.state)
        when v_epoch is null then
            json_build_object('tenant_id', new.tenant_id, 'batch_id', new.batch_id, 'state', new.state,
                'reason', new.alert_reason)
        when new.alert_reason is null then
            json_build_object('tenant_id', new.tenant_id, 'batch_id', new.batch_id, 'state', new.state,
                'corpus_epoch', v_epoch)
        else
            json_build_object('tenant_id', new.tenant_id, 'batch_id', new.batch_id, 'state', new.state,
                'reason', new.alert_reason, 'corpus_epoch', v_epoch)
        end::text);
    return null;
end
$$;
