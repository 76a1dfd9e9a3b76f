-- Partition maintenance: its settings (one row) and a record of every run.
set local role zenglow_owner;

create table zenglow.maintenance_settings (
    singleton boolean primary key default true constraint maintenance_settings_one_row check (singleton),
    chunk_partition_unit text not null default 'month'
        constraint maintenance_settings_unit_known check (chunk_partition_unit in ('day', 'week', 'month')),
    chunk_premake integer not null default 3 constraint maintenance_settings_premake_range check (chunk_premake between 1 and 60),
    -- Chunks of unpinned batches are dropped once their whole partition is older than this; null keeps them.
    chunk_retention interval,
    query_performance_premake_days integer not null default 7
        constraint maintenance_settings_qp_premake_range check (query_performance_premake_days between 1 and 90),
    query_performance_retention interval not null default interval '30 days',
    run_history_retention interval not null default interval '30 days'
);
insert into zenglow.maintenance_settings default values;

create table zenglow.maintenance_runs (
    run_id bigint generated always as identity primary key,
    started_at timestamptz not null default clock_timestamp(),
    finished_at timestamptz,
    duration_ms double precision,
    trigger text not null constraint maintenance_runs_trigger_known check (trigger in ('scheduled', 'write')),
    outcome text not null
        constraint maintenance_runs_outcome_known
        check (outcome in ('success', 'skipped_locked', 'healed_partition', 'partial', 'other_error')),
    created text[] not null default '{}',
    dropped text[] not null default '{}',
    healed text[] not null default '{}',
    moved_rows bigint not null default 0,
    deleted_rows bigint not null default 0,
    error text
);

create index maintenance_runs_started on zenglow.maintenance_runs (started_at desc);

comment on table zenglow.maintenance_settings is 'Partitioning and retention settings read by zenglow.run_maintenance().';
comment on table zenglow.maintenance_runs is
    'One row per run of zenglow.run_maintenance() (trigger scheduled) and per partition created by a write (trigger write).';
