-- Every `zenglow backup`, recorded in the database it backed up once the dump is finished (so no
-- dump contains its own row). The maintainer exports the last success as
-- zenglow_backup_last_success_timestamp_seconds, which the "backup too old" alert watches.
set local role zenglow_owner;

create table zenglow.backup_runs (
    backup_id bigint generated always as identity primary key,
    started_at timestamptz not null,
    finished_at timestamptz not null default clock_timestamp(),
    outcome text not null constraint backup_runs_outcome_known check (outcome in ('success', 'failed')),
    file text,
    size_bytes bigint,
    sha256 text,
    schema_version integer,
    error text
);

create index backup_runs_finished on zenglow.backup_runs (finished_at desc);

comment on table zenglow.backup_runs is 'One row per zenglow backup: when, where to, its size and sha256, or why it failed.';
comment on column zenglow.backup_runs.file is 'The dump file the backup wrote (custom format), as the backing-up host saw it.';
comment on column zenglow.backup_runs.sha256 is 'sha256 of the dump file, also in its manifest.';
