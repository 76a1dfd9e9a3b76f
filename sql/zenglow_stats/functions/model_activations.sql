set local role zenglow_owner;

create or replace function zenglow_stats.model_activations()
returns table (tenant_id text, occurred_at timestamptz, actor text, details jsonb)
language plpgsql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
-- The embedding-model activations of the audit log (model.activate: {old, new, index}), for
-- zenglow_stats.weight_changes. Analysts get these rows and no other: the audit log's tenant
-- policy calls zenglow.current_tenant(), which they may not run (granting it would let an
-- analyst who sets zenglow.tenant_id read that tenant's whole trail, ingest.failed messages
-- included), so no policy of theirs on the table could work; as the owner, with maintenance mode
-- on for the read alone (restored to what it was), this reads the _global chain they are in.
declare
    v_mode text := coalesce(current_setting('zenglow.maintenance', true), '');
begin
    perform zenglow.maintenance_mode(true);
    return query
    select e.tenant_id, e.occurred_at, e.actor,
        jsonb_build_object('old', e.details -> 'old', 'new', e.details -> 'new', 'index', e.details -> 'index')
            || case when e.details ? 'reason' then jsonb_build_object('reason', e.details -> 'reason') else '{}'::jsonb end
    from zenglow_audit.events e
    where e.action = 'model.activate';
    perform set_config('zenglow.maintenance', v_mode, true);
end
$$;

revoke all on function zenglow_stats.model_activations() from public;

comment on function zenglow_stats.model_activations() is
    'Every model.activate audit event as (tenant_id, occurred_at, actor, details {old, new, index[, reason]}): the '
    'embedding-model switches zenglow.activate_model made. Read by weight_changes.';
