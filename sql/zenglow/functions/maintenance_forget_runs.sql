set local role zenglow_owner;

create or replace function zenglow.maintenance_forget_runs()
returns bigint
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Maintenance step 7: forgets the zenglow.maintenance_runs records older than
-- run_history_retention (30 days), so the record of every minute's run stays small. Returns how
-- many it deleted. Safe to call alone (waits for a run in progress).
declare
    v_deleted bigint;
begin
    perform pg_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0));
    delete from zenglow.maintenance_runs
    where started_at < now() - (select run_history_retention from zenglow.maintenance_settings);
    get diagnostics v_deleted = row_count;
    return v_deleted;
end
$$;

revoke all on function zenglow.maintenance_forget_runs() from public;

comment on function zenglow.maintenance_forget_runs() is
    'Maintenance step 7: deletes maintenance_runs records older than run_history_retention; returns how many.';
