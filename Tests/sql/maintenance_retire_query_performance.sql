-- Maintenance step 5 on a TimescaleDB hypertable: drop_chunks past query_performance_retention;
-- no partitions to premake or heal. (Tests/sql/fallback/ has the plain-PostgreSQL path.)
begin;
select plan(6);

insert into zenglow.tenants (tenant_id) values ('retire-qp');
insert into zenglow.query_performance (ts, tenant_id, endpoint, status, total_ms) values
    (now() - interval '60 days', 'retire-qp', '/rag/query', 200, 3), (now(), 'retire-qp', '/rag/query', 200, 4);

update zenglow.maintenance_settings set query_performance_retention = interval '90 days';
select is((select cardinality(dropped) from zenglow.maintenance_retire_query_performance()), 0,
    'nothing is dropped while every row is within retention');

update zenglow.maintenance_settings set query_performance_retention = interval '30 days';
update zenglow.query_rollup_watermarks set watermark = null where level = '5m';
select is((select cardinality(dropped) from zenglow.maintenance_retire_query_performance()), 0,
    'past retention, nothing is dropped while the 5-minute rollups never ran (the rows are not rolled up yet)');
update zenglow.query_rollup_watermarks set watermark = now() where level = '5m';
create temporary table step as select * from zenglow.maintenance_retire_query_performance();
select ok(cardinality((select dropped from step)) > 0 and (select bool_and(d like '_timescaledb_internal.%') from step, unnest(dropped) d),
    'past retention, the hypertable''s chunks are dropped and named');
select results_eq($$select total_ms from zenglow.query_performance where tenant_id = 'retire-qp'$$, $$values (4::double precision)$$,
    'the old row is gone, the recent one kept');
select is((select row(created, healed, moved_rows)::text from step), row('{}'::text[], '{}'::text[], 0::bigint)::text,
    'a hypertable has no partitions to premake or heal');
select is((select cardinality(dropped) from zenglow.maintenance_retire_query_performance()), 0, 'a second call drops nothing');

select * from finish();
rollback;
