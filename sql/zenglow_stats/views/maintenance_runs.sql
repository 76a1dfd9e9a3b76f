set local role zenglow_owner;

create or replace view zenglow_stats.maintenance_runs
with (security_invoker = true)
as
select run_id, started_at, finished_at, duration_ms, trigger, outcome, created, dropped, healed, moved_rows, deleted_rows, error
from zenglow.maintenance_runs;

comment on view zenglow_stats.maintenance_runs is
    'Every partition-maintenance run: trigger (scheduled|write), outcome, partitions created/dropped/healed, rows moved/deleted, error.';
