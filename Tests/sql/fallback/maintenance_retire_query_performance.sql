-- Maintenance step 5 without TimescaleDB: query_performance's daily partitions are premade
-- query_performance_premake_days ahead, rows in the default partition are healed into their
-- day's partition, and whole days past retention are dropped.
begin;
select plan(8);

update zenglow.maintenance_settings set query_performance_premake_days = 3, query_performance_retention = interval '30 days';
insert into zenglow.tenants (tenant_id) values ('retire-qp');
-- Rolled up to now: retention may drop what is past it (maintenance_retire_query_performance.sql
-- shows that nothing is dropped before the rollups ran).
update zenglow.query_rollup_watermarks set watermark = now() where level = '5m';
create function pg_temp.day(p_offset integer) returns text language sql as $$
    select 'query_performance_p' || to_char(date_trunc('day', now(), 'UTC') at time zone 'UTC' + make_interval(days => p_offset), 'YYYYMMDD')
$$;
-- Start from no daily partitions, whatever earlier tests committed.
do $$
declare v_name text;
begin
    for v_name in select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                  where i.inhparent = 'zenglow.query_performance'::regclass and c.relname <> 'query_performance_default' loop
        execute format('drop table zenglow.%I', v_name);
    end loop;
end
$$;
-- Rows of 60 and 2 days ago land in the default partition: no partition exists for them yet.
insert into zenglow.query_performance (ts, tenant_id, endpoint, status, total_ms) values
    (now() - interval '60 days', 'retire-qp', '/rag/query', 200, 3), (now() - interval '2 days', 'retire-qp', '/rag/query', 200, 4);

create temporary table step as select * from zenglow.maintenance_retire_query_performance();
select is((select created from step), array[pg_temp.day(0), pg_temp.day(1), pg_temp.day(2), pg_temp.day(3)],
    'daily partitions are premade for today and the next query_performance_premake_days (3) days');
select set_eq($$select unnest(healed) from step$$, array[pg_temp.day(-60), pg_temp.day(-2)],
    'the days of the rows in the default partition get partitions of their own (healed)');
select is((select moved_rows from step), 2::bigint, 'the rows moved are counted');
select is((select dropped from step), array[pg_temp.day(-60)], 'the healed day past retention is dropped in the same call');
select results_eq($$select total_ms from zenglow.query_performance where tenant_id = 'retire-qp'$$, $$values (4::double precision)$$,
    'the row past retention is gone, the recent one kept');
select is((select count(*) from only zenglow.query_performance_default), 0::bigint, 'nothing is left in the default partition');
select is((select row(created, dropped, healed, moved_rows)::text from zenglow.maintenance_retire_query_performance()),
    row('{}'::text[], '{}'::text[], '{}'::text[], 0::bigint)::text, 'a second call changes nothing');
select is(nullif(current_setting('zenglow.maintenance', true), ''), null, 'the step leaves maintenance mode off');

select * from finish();
rollback;
