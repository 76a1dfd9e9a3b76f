-- Maintenance step 2, zenglow.maintenance_heal_partitions: rows in chunks_default, past or
-- future, move into partitions made for their range; the step says which and how many.
begin;
select plan(8);

update zenglow.maintenance_settings set chunk_partition_unit = 'month';
insert into zenglow.tenants (tenant_id) values ('heal-a');
insert into zenglow.batches (tenant_id, batch_tag, content_hash) values ('heal-a', 'h', 'sha256:' || repeat('e', 64));
create function pg_temp.month_of(p_at timestamptz) returns text language sql as $$
    select (zenglow.chunk_partition_range(p_at, 'month')).partition_name
$$;

select is((select row(healed, moved_rows)::text from zenglow.maintenance_heal_partitions()), row('{}'::text[], 0::bigint)::text,
    'with an empty default partition there is nothing to heal');

-- Two rows of one month far in the future and one far in the past: no partition holds them.
insert into zenglow.chunks (tenant_id, document_id, content_hash, batch_id, batch_tag, body, embedding_model, ingested_at)
select 'heal-a', 'doc-' || i, 'h', batch_id, batch_tag, 'text ' || i, 'all-MiniLM-L6-v2', at
from zenglow.batches, (values (1, now() + interval '7 years'), (2, now() + interval '7 years' + interval '1 second'),
    (3, now() - interval '9 years')) r (i, at)
where batch_tag = 'h';
select is((select count(*) from only zenglow.chunks_default where tenant_id = 'heal-a'), 3::bigint,
    'rows outside every partition land in the default partition');

create temporary table step as select * from zenglow.maintenance_heal_partitions();
select set_eq($$select unnest(healed) from step$$,
    array[pg_temp.month_of(now() + interval '7 years'), pg_temp.month_of(now() - interval '9 years')],
    'it makes one partition per month the rows belong to, and names them');
select is((select moved_rows from step), 3::bigint, 'it counts the rows it moved');
select is((select count(*) from only zenglow.chunks_default), 0::bigint, 'the default partition is empty again');
select is((select tableoid::regclass::text from zenglow.chunks where document_id = 'doc-3' and tenant_id = 'heal-a'),
    'zenglow.' || pg_temp.month_of(now() - interval '9 years'), 'a past row now lives in its own partition');
select is((select count(*) from zenglow.maintenance_runs where trigger = 'write' and healed && (select healed from step)), 0::bigint,
    'the step records no write-triggered run of its own (the orchestrator records the run)');
select is((select row(healed, moved_rows)::text from zenglow.maintenance_heal_partitions()), row('{}'::text[], 0::bigint)::text,
    'a second call has nothing left to heal');

select * from finish();
rollback;
