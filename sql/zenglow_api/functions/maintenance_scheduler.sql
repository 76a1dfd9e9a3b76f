set local role zenglow_owner;

create or replace function zenglow_api.maintenance_scheduler()
returns jsonb
language sql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
    -- Which scheduler runs zenglow.run_maintenance(), for /health/ready (zenglow_app reads
    -- neither maintenance_runs nor the server's settings): the newest scheduled run's scheduler,
    -- start and outcome, whether it started within 10 minutes (ten of the default 60 s intervals:
    -- a scheduler that missed more than that is not running), and whether pg_cron is preloaded,
    -- seen as its launcher process, with the database its jobs live in (cron.database_name).
    -- shared_preload_libraries itself is readable only by superusers and pg_read_all_settings, and
    -- without pg_read_all_stats a background worker's backend_type reads null: its
    -- application_name says what it is.
    with last as (
        select r.scheduler, r.started_at, r.outcome
        from zenglow.maintenance_runs r
        where r.trigger = 'scheduled'
        order by r.started_at desc
        limit 1
    ), launcher as (
        select a.datname from pg_stat_activity a
        where a.backend_type = 'pg_cron launcher' or (a.backend_type is null and a.application_name = 'pg_cron scheduler')
        limit 1
    )
    select jsonb_build_object(
        'scheduler', (select scheduler from last),
        'last_run_at', (select started_at from last),
        'last_outcome', (select outcome from last),
        'last_run_age_seconds', (select extract(epoch from now() - started_at)::float8 from last),
        'active', coalesce((select started_at > now() - interval '10 minutes' from last), false),
        'pg_cron_preloaded', exists (select from launcher),
        'pg_cron_database', (select datname from launcher))
$$;

revoke all on function zenglow_api.maintenance_scheduler() from public;
grant execute on function zenglow_api.maintenance_scheduler() to zenglow_app;

comment on function zenglow_api.maintenance_scheduler() is
    'Readiness facts about maintenance: {scheduler, last_run_at, last_outcome, last_run_age_seconds, active (a scheduled run '
    'in the last 10 minutes), pg_cron_preloaded, pg_cron_database}.';
