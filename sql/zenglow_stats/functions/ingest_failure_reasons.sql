set local role zenglow_owner;

create or replace function zenglow_stats.ingest_failure_reasons()
returns table (tenant_id text, occurred_at timestamptz, reason text)
language plpgsql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
-- The spool worker's refusals (ingest.failed audit events) without their details: an event's
-- details carry the file name and the error message, which can quote what the file held, so
-- analysts get the failure code and nothing else. The audit log's policies show a tenant its own
-- trail only; as the owner, with maintenance mode on for the read alone (restored to what it
-- was, and meaningless to any role but the owner), this reads every tenant's. A reason that is
-- not a failure code (snake_case, at most 64 characters) is reported as 'other', never as text.
declare
    v_mode text := coalesce(current_setting('zenglow.maintenance', true), '');
begin
    perform zenglow.maintenance_mode(true);
    return query
    select e.tenant_id, e.occurred_at,
        case when e.details ->> 'reason' ~ '^[a-z][a-z0-9_]{0,63}$' then e.details ->> 'reason'
             when e.details ? 'reason' then 'other'
             else 'unspecified' end
    from zenglow_audit.events e
    where e.action = 'ingest.failed';
    perform set_config('zenglow.maintenance', v_mode, true);
end
$$;

revoke all on function zenglow_stats.ingest_failure_reasons() from public;

comment on function zenglow_stats.ingest_failure_reasons() is
    'Every tenant''s ingest.failed audit events as (tenant_id, occurred_at, reason): the spool worker''s failure code '
    '(truncated, invalid_msgpack, unknown_tenant, pii_rejected, partition_missing, max_attempts, …; other when the '
    'recorded reason is not a code, unspecified when none), never the file name or message. Read by ingest_rejections.';
