-- Who runs maintenance. `zenglow maintain` (manual), `zenglow maintain run --every` (service) and
-- pg_cron (`zenglow maintain schedule`) all call zenglow.run_maintenance(); each run records which,
-- so `migrate status` and /health/ready can say which scheduler is active. Runs also record the
-- partitions they ANALYZEd after large loads.
set local role zenglow_owner;

alter table zenglow.maintenance_runs
    add column scheduler text not null default 'manual'
        constraint maintenance_runs_scheduler_known check (scheduler in ('manual', 'service', 'pg_cron')),
    add column analyzed text[] not null default '{}';

comment on column zenglow.maintenance_runs.scheduler is
    'What started the run: manual (zenglow maintain), service (zenglow maintain run --every) or pg_cron (zenglow maintain schedule).';
comment on column zenglow.maintenance_runs.analyzed is
    'Partitions the run ANALYZEd because a load had changed many of their rows since their last analyze.';
