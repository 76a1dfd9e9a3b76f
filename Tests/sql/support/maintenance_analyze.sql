-- Shared by Tests/sql/maintenance_analyze.sql and Tests/sql/fallback/maintenance_analyze.sql: a
-- large committed load is analyzed by run_maintenance, a small one or none is not.

\o /dev/null
-- What the committed runs make is unmade at the end, for the test files after this one.
create temporary table partitions_before as
select inhparent, inhrelid from pg_inherits where inhparent in ('zenglow.chunks'::regclass, 'zenglow.query_performance'::regclass);
select dblink_connect('loader', format('dbname=%s port=%s host=%s user=postgres', current_database(),
    current_setting('port'), split_part(current_setting('unix_socket_directories'), ',', 1)));
select dblink_exec('loader', $$insert into zenglow.tenants (tenant_id) values ('analyze-a') on conflict do nothing$$);
-- Every run commits in the loader's session: a run in this transaction would hold locks the
-- loads wait for (query_performance retention locks tenants).
select dblink_exec('loader', $$insert into zenglow.query_performance (ts, tenant_id, endpoint, status, total_ms)
    values (now(), 'analyze-a', '/rag/query', 200, 1)$$);
select * from dblink('loader', 'select zenglow.run_maintenance()::text') as t(x text);
select * from dblink('loader', 'select zenglow.run_maintenance()::text') as t(x text);
-- Autovacuum must not get there first: the test is about what maintenance does.
select dblink_exec('loader', $$insert into zenglow.query_performance (ts, tenant_id, endpoint, status, total_ms)
    select now(), 'analyze-a', '/rag/query', 200, 1 from generate_series(1, 100)$$);
create temporary table loaded as
select partition::regclass from dblink('loader',
    $$select distinct tableoid::regclass::text from zenglow.query_performance where tenant_id = 'analyze-a'$$) as t(partition text);
select dblink_exec('loader', format('alter table %s set (autovacuum_enabled = false)', partition)) from loaded;
-- Pending statistics reach the shared ones when the session goes idle, at most once a second
-- unless forced.
select * from dblink('loader', 'select pg_stat_force_next_flush()::text') as t(x text);
select * from dblink('loader', 'select 1::text') as t(x text);
create temporary table runs (n int primary key, r jsonb);
insert into runs select 1, r::jsonb from dblink('loader', $$select zenglow.run_maintenance()::text$$) as t(r text);
\o

select is((select count(*) from loaded), 1::bigint, 'the load went into one partition');
select ok(not (select (r -> 'analyzed') ? (select partition::text from loaded) from runs where n = 1),
    'a load of 101 rows analyzes nothing (autovacuum''s business)');

\o /dev/null
select dblink_exec('loader', $$insert into zenglow.query_performance (ts, tenant_id, endpoint, status, total_ms)
    select now(), 'analyze-a', '/rag/query', 200, 1 from generate_series(1, 20000)$$);
select * from dblink('loader', 'select pg_stat_force_next_flush()::text') as t(x text);
select * from dblink('loader', 'select 1::text') as t(x text);
insert into runs select 2, r::jsonb from dblink('loader', $$select zenglow.run_maintenance()::text$$) as t(r text);
insert into runs select 3, r::jsonb from dblink('loader', $$select zenglow.run_maintenance('service')::text$$) as t(r text);
\o

select ok((select (r -> 'analyzed') ? (select partition::text from loaded) from runs where n = 2),
    'after a load of 20000 rows the run analyzes the partition that took them');
select pg_stat_clear_snapshot();
select is((select analyzed from zenglow.maintenance_runs where run_id = (select (r ->> 'run_id')::bigint from runs where n = 2)),
    (select array(select jsonb_array_elements_text(r -> 'analyzed')) from runs where n = 2),
    'and records it in maintenance_runs.analyzed');
select cmp_ok((select reltuples from pg_class where oid = (select partition from loaded)), '>=', 20100::real,
    'the partition''s statistics count the loaded rows');
select ok(not (select (r -> 'analyzed') ? (select partition::text from loaded) from runs where n = 3),
    'the next run, with no load since, analyzes it no more');
select is(zenglow.maintenance_analyze_partitions(p_min_rows => 1000000), '{}'::text[],
    'called alone with a floor above every change, nothing is analyzed');

\o /dev/null
select dblink_exec('loader', $$delete from zenglow.query_performance where tenant_id = 'analyze-a'$$);
select dblink_exec('loader', format('drop table %s', i.inhrelid::regclass))
from pg_inherits i
where i.inhparent in ('zenglow.chunks'::regclass, 'zenglow.query_performance'::regclass)
    and i.inhrelid not in (select inhrelid from partitions_before)
    and i.inhrelid::regclass::text like 'zenglow.%';
select dblink_disconnect('loader');
\o

