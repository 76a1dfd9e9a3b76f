set local role zenglow_owner;

create or replace view zenglow_stats.maintenance_runs
with (security_invoker = true)
as
select run_id, started_at, finished_at, duration_ms, trigger, outcome, created, dropped, healed, moved_rows, deleted_rows, error,
    rollups, scheduler, analyzed
from zenglow.maintenance_runs;

comment on view zenglow_stats.maintenance_runs is
    'Every partition-maintenance run: trigger (scheduled|write), outcome, partitions created/dropped/healed, rows moved/deleted, '
    'error, what the rollup refresh did, which scheduler ran it and the partitions it analyzed.';
comment on column zenglow_stats.maintenance_runs.run_id is 'The run, in order of starting.';
comment on column zenglow_stats.maintenance_runs.started_at is 'When the run started.';
comment on column zenglow_stats.maintenance_runs.finished_at is 'When it finished; null while running (or if it died).';
comment on column zenglow_stats.maintenance_runs.duration_ms is 'How long it took, in milliseconds.';
comment on column zenglow_stats.maintenance_runs.trigger is
    'scheduled: a run of zenglow.run_maintenance() (zenglow maintain); write: a partition a write had to create.';
comment on column zenglow_stats.maintenance_runs.outcome is
    'success, skipped_locked (another run held the lock), healed_partition, partial (some steps failed) or other_error.';
comment on column zenglow_stats.maintenance_runs.created is 'Partitions created ahead of time (or by the write).';
comment on column zenglow_stats.maintenance_runs.dropped is 'Partitions (or TimescaleDB chunks) dropped by retention.';
comment on column zenglow_stats.maintenance_runs.healed is 'Partitions re-created after they went missing.';
comment on column zenglow_stats.maintenance_runs.moved_rows is 'Rows moved out of a default partition (chunks, query_performance) into their own partitions.';
comment on column zenglow_stats.maintenance_runs.deleted_rows is 'Chunk rows deleted by retention where their partition could not be dropped whole (it holds a pinned batch).';
comment on column zenglow_stats.maintenance_runs.error is 'What failed, when a step failed; null otherwise.';
comment on column zenglow_stats.maintenance_runs.rollups is
    'What the rollup step (zenglow.refresh_query_rollups) returned: per level the watermark reached, buckets written and '
    'rows dropped by retention; null for runs before rollups existed and for write-triggered rows.';
comment on column zenglow_stats.maintenance_runs.scheduler is
    'What started the run: manual (zenglow maintain), service (zenglow maintain run --every) or pg_cron (zenglow maintain schedule).';
comment on column zenglow_stats.maintenance_runs.analyzed is
    'Partitions the run ANALYZEd because a load had changed many of their rows since their last analyze.';
