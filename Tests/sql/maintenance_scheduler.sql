-- Every run records what started it (maintenance_runs.scheduler): zenglow.run_maintenance() is a
-- manual run, run_maintenance('service') and run_maintenance(p_scheduler => 'pg_cron') are the
-- schedulers'; an unknown scheduler is refused before anything runs. maintenance_partitions_ahead
-- counts the partitions after the current one; zenglow_api.maintenance_scheduler tells
-- zenglow_app (readiness) which scheduler ran last, and nothing else of maintenance.
begin;
select plan(12);

\o /dev/null
create temporary table runs (n int primary key, r jsonb);
insert into runs select 1, zenglow.run_maintenance();
insert into runs select 2, zenglow.run_maintenance('service');
insert into runs select 3, zenglow.run_maintenance(p_scheduler => 'pg_cron');
\o
select is((select array_agg(r ->> 'scheduler' order by n) from runs), array['manual', 'service', 'pg_cron'],
    'each run returns its scheduler');
select is((select array_agg(m.scheduler order by n) from runs join zenglow.maintenance_runs m on m.run_id = (r ->> 'run_id')::bigint),
    array['manual', 'service', 'pg_cron'], 'and records it');
select throws_ok($$select zenglow.run_maintenance('cron')$$, '22023',
    'unknown maintenance scheduler ''cron'': manual, service or pg_cron', 'an unknown scheduler is refused, naming the known ones');
select throws_ok($$select zenglow.run_maintenance(null)$$, '22023', null, 'so is none');

update zenglow.maintenance_settings set chunk_partition_unit = 'month', chunk_premake = 3;
select is((select partitions_ahead from zenglow.maintenance_partitions_ahead() where table_name = 'chunks'), 3,
    'after a run, as many chunks partitions ahead of the current one as chunk_premake says');
select is((select premake from zenglow.maintenance_partitions_ahead() where table_name = 'chunks'), 3, 'and the setting');
update zenglow.maintenance_settings set chunk_premake = 5;
select is((select partitions_ahead from zenglow.maintenance_partitions_ahead() where table_name = 'chunks'), 3,
    'a larger premake is not met until the next run');
\o /dev/null
select zenglow.run_maintenance();
\o
select is((select partitions_ahead from zenglow.maintenance_partitions_ahead() where table_name = 'chunks'), 5,
    'which makes the missing ones');
select is((select count(*) from zenglow.maintenance_partitions_ahead() where table_name = 'query_performance'), 0::bigint,
    'a TimescaleDB hypertable has no partitions ahead to count (it makes chunks on demand)');

set local role zenglow_app;
select is((select zenglow_api.maintenance_scheduler() ->> 'scheduler'), 'manual', 'zenglow_app reads the last run''s scheduler');
select is((select (zenglow_api.maintenance_scheduler() ->> 'pg_cron_preloaded')::boolean),
    exists (select from pg_available_extensions where name = 'pg_cron'),
    'and whether pg_cron runs (the test cluster preloads it wherever it is installed)');
select throws_ok($$select zenglow.run_maintenance('service')$$, '42501', null, 'but cannot run maintenance');
reset role;

select * from finish();
rollback;
