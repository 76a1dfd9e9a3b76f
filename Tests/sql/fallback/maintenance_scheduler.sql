-- Without TimescaleDB, query_performance's daily partitions are counted too: after a run, as many
-- days ahead of today as query_performance_premake_days says.
begin;
select plan(2);

update zenglow.maintenance_settings set query_performance_premake_days = 7;
\o /dev/null
select zenglow.run_maintenance('service');
\o
select is((select partitions_ahead from zenglow.maintenance_partitions_ahead() where table_name = 'query_performance'), 7,
    'after a run, query_performance_premake_days partitions after today''s');
select is((select premake from zenglow.maintenance_partitions_ahead() where table_name = 'query_performance'), 7,
    'and the setting');

select * from finish();
rollback;
