-- Partition maintenance: premake, idempotent re-runs, healing rows in the default partition and
-- a partition dropped under a writer, retention that keeps pinned batches, query_performance
-- retention through drop_chunks.
begin;
select plan(22);

\o /dev/null
insert into zenglow.tenants (tenant_id) values ('maint-a');
update zenglow.maintenance_settings set chunk_partition_unit = 'month', chunk_premake = 3, chunk_retention = null;
create temporary table runs (n int primary key, r jsonb);
insert into runs select 1, zenglow.run_maintenance();
\o

create function pg_temp.partition_for(p_at timestamptz) returns text language sql as $$
    select (zenglow.chunk_partition_range(p_at, 'month')).partition_name
$$;

select ok(to_regclass('zenglow.' || pg_temp.partition_for(now() + make_interval(months => i))) is not null,
    format('premake: the partition for now + %s months exists', i))
from generate_series(0, 3) i;
select ok((select r -> 'created' from runs where n = 1) ? pg_temp.partition_for(now() + interval '3 months'),
    'the run record lists the partitions it created');

\o /dev/null
insert into runs select 2, zenglow.run_maintenance();
\o
select results_eq($$select r ->> 'outcome', jsonb_array_length(r -> 'created'), jsonb_array_length(r -> 'dropped') from runs where n = 2$$,
    $$values ('success'::text, 0, 0)$$, 'a second run right after changes nothing (safe every minute)');

-- A row beyond the premade range lands in the default partition, and the next run moves it out.
insert into zenglow.batches (tenant_id, batch_tag, content_hash) values ('maint-a', 'far', 'sha256:' || repeat('f', 64));
insert into zenglow.chunks (tenant_id, document_id, content_hash, batch_id, batch_tag, body, embedding_model, ingested_at)
select 'maint-a', 'far-doc', 'h', batch_id, batch_tag, 'from the future', 'all-MiniLM-L6-v2', now() + interval '2 years'
from zenglow.batches where batch_tag = 'far';
select is((select tableoid::regclass::text from zenglow.chunks where document_id = 'far-doc'), 'zenglow.chunks_default',
    'a row beyond the premade range lands in the default partition');
\o /dev/null
insert into runs select 3, zenglow.run_maintenance();
\o
select is((select r ->> 'outcome' from runs where n = 3), 'healed_partition', 'the next run reports healed_partition');
select ok((select r -> 'healed' from runs where n = 3) ? pg_temp.partition_for(now() + interval '2 years'),
    'and names the partition it made for the row');
select is((select tableoid::regclass::text from zenglow.chunks where document_id = 'far-doc'),
    'zenglow.' || pg_temp.partition_for(now() + interval '2 years'), 'the row now lives in its own partition');
select is((select count(*) from only zenglow.chunks_default), 0::bigint, 'the default partition is empty again');
select is((select (r ->> 'moved_rows')::bigint from runs where n = 3), 1::bigint, 'the run counts the row it moved');

-- A partition dropped under a writer is recreated by the write, and the run record says so.
select pg_temp.partition_for(now() + interval '1 month') as next_partition \gset
drop table zenglow.:"next_partition";
select is(zenglow.ensure_chunk_partition(now() + interval '1 month'), :'next_partition', 'a write recreates a dropped partition');
select results_eq($$select trigger, outcome, healed from zenglow.maintenance_runs order by run_id desc limit 1$$,
    format('values (''write''::text, ''healed_partition''::text, array[%L]::text[])', :'next_partition'),
    'the write''s run record says healed_partition and names the partition');
select is(zenglow.ensure_chunk_partition(now() + interval '1 month'), null, 'a second write finds it and changes nothing');

-- Retention: a partition wholly past retention is dropped, unless it holds a pinned batch; then
-- only the unpinned batches' rows go.
\o /dev/null
select zenglow.ensure_chunk_partition(now() - interval '3 years', 'scheduled');
select zenglow.ensure_chunk_partition(now() - interval '2 years', 'scheduled');
insert into zenglow.batches (tenant_id, batch_tag, content_hash, pinned) values
    ('maint-a', 'old-pinned', 'sha256:' || repeat('1', 64), true),
    ('maint-a', 'old-unpinned', 'sha256:' || repeat('2', 64), false),
    ('maint-a', 'older-unpinned', 'sha256:' || repeat('3', 64), false);
insert into zenglow.chunks (tenant_id, document_id, content_hash, batch_id, batch_tag, body, embedding_model, ingested_at)
select 'maint-a', batch_tag || '-doc', 'h', batch_id, batch_tag, 'old text', 'all-MiniLM-L6-v2',
    now() - case when batch_tag = 'older-unpinned' then interval '2 years' else interval '3 years' end
from zenglow.batches where batch_tag in ('old-pinned', 'old-unpinned', 'older-unpinned');
update zenglow.maintenance_settings set chunk_retention = interval '1 year';
insert into runs select 4, zenglow.run_maintenance();
\o
select ok((select r -> 'dropped' from runs where n = 4) ? pg_temp.partition_for(now() - interval '2 years'),
    'a partition past retention without pinned batches is dropped');
select ok(to_regclass('zenglow.' || pg_temp.partition_for(now() - interval '3 years')) is not null,
    'a partition past retention holding a pinned batch is kept');
select results_eq($$select batch_tag, count(*) from zenglow.chunks where batch_tag in ('old-pinned', 'old-unpinned', 'older-unpinned') group by 1$$,
    $$values ('old-pinned'::text, 1::bigint)$$, 'the pinned batch''s rows stay; the unpinned batches'' rows are gone');
select results_eq($$select batch_tag, expired_at is not null from zenglow.batches where batch_tag in ('old-pinned', 'old-unpinned', 'older-unpinned') order by 1$$,
    $$values ('old-pinned'::text, false), ('old-unpinned', true), ('older-unpinned', true)$$,
    'expired batches are marked in their manifest; the pinned one is not');
select ok(to_regclass('zenglow.' || pg_temp.partition_for(now())) is not null, 'current partitions are untouched');

-- query_performance keeps query_performance_retention (30 days by default).
insert into zenglow.query_performance (ts, tenant_id, endpoint, status, total_ms) values
    (now() - interval '60 days', 'maint-a', '/rag/query', 200, 3), (now(), 'maint-a', '/rag/query', 200, 4);
\o /dev/null
insert into runs select 5, zenglow.run_maintenance();
\o
select results_eq($$select total_ms from zenglow.query_performance where tenant_id = 'maint-a'$$, $$values (4::double precision)$$,
    'query_performance rows past retention are dropped, recent ones kept');
select ok(jsonb_array_length((select r -> 'dropped' from runs where n = 5)) > 0, 'the run names what it dropped');

select * from finish();
rollback;
