-- Maintenance step 3, zenglow.maintenance_retire_chunks: off without chunk_retention; a partition
-- wholly past it is dropped unless a pinned batch lives there (then only unpinned rows go); the
-- BM25 statistics forget what retention removes, and expired batches are marked.
begin;
select plan(10);

update zenglow.maintenance_settings set chunk_partition_unit = 'month', chunk_retention = null;
insert into zenglow.tenants (tenant_id) values ('retire-a');
create function pg_temp.month_of(p_at timestamptz) returns text language sql as $$
    select (zenglow.chunk_partition_range(p_at, 'month')).partition_name
$$;
\o /dev/null
select zenglow.ensure_chunk_partition(now() - interval '4 years', 'scheduled');
select zenglow.ensure_chunk_partition(now() - interval '3 years', 'scheduled');
select zenglow.ensure_chunk_partition(now(), 'scheduled');
\o
insert into zenglow.batches (tenant_id, batch_tag, content_hash, pinned) values
    ('retire-a', 'pinned', 'sha256:' || repeat('1', 64), true),
    ('retire-a', 'unpinned', 'sha256:' || repeat('2', 64), false),
    ('retire-a', 'older', 'sha256:' || repeat('3', 64), false),
    ('retire-a', 'recent', 'sha256:' || repeat('4', 64), false);
insert into zenglow.chunks (tenant_id, document_id, content_hash, batch_id, batch_tag, body, embedding_model, ingested_at)
select 'retire-a', batch_tag || '-doc', 'h', batch_id, batch_tag, batch_tag || ' words about retention', 'all-MiniLM-L6-v2',
    case batch_tag when 'older' then now() - interval '4 years' when 'recent' then now() else now() - interval '3 years' end
from zenglow.batches where tenant_id = 'retire-a';
-- The statistics a loader would have kept for these rows.
insert into zenglow.term_stats
select tenant_id, embedding_model, u.lexeme, count(*) from zenglow.chunks c, unnest(c.tsv) u where tenant_id = 'retire-a' group by 1, 2, 3;
insert into zenglow.corpus_stats
select tenant_id, embedding_model, count(*), sum(token_count) from zenglow.chunks where tenant_id = 'retire-a' group by 1, 2;
create function pg_temp.stats_match_recount() returns boolean language sql as $$
    select not exists (
        (select term, df from zenglow.term_stats where tenant_id = 'retire-a' and df > 0)
        except
        (select u.lexeme, count(*) from zenglow.chunks c, unnest(c.tsv) u where c.tenant_id = 'retire-a' group by 1))
    and (select (chunk_count, token_total) from zenglow.corpus_stats where tenant_id = 'retire-a')
        = (select (count(*), coalesce(sum(token_count), 0)) from zenglow.chunks where tenant_id = 'retire-a')
$$;

select is((select row(dropped, deleted_rows)::text from zenglow.maintenance_retire_chunks()), row('{}'::text[], 0::bigint)::text,
    'without chunk_retention (the default) nothing is retired');
select is((select count(*) from zenglow.chunks where tenant_id = 'retire-a'), 4::bigint, 'and every row is still there');

update zenglow.maintenance_settings set chunk_retention = interval '1 year';
create temporary table step as select * from zenglow.maintenance_retire_chunks();
select ok((select dropped from step) @> array[pg_temp.month_of(now() - interval '4 years')],
    'a partition past retention without a pinned batch is dropped and named');
select ok(not ((select dropped from step) @> array[pg_temp.month_of(now() - interval '3 years')]),
    'a partition past retention holding a pinned batch is not dropped');
select is((select deleted_rows from step), 1::bigint, 'there only the unpinned batch''s row is deleted, and counted');
select results_eq($$select batch_tag from zenglow.chunks where tenant_id = 'retire-a' order by 1$$,
    $$values ('pinned'::text), ('recent')$$, 'the pinned and the recent rows remain');
select results_eq($$select batch_tag, expired_at is not null from zenglow.batches where tenant_id = 'retire-a' order by 1$$,
    $$values ('older'::text, true), ('pinned', false), ('recent', false), ('unpinned', true)$$,
    'the retired batches are marked expired in their manifest, the others are not');
select ok(pg_temp.stats_match_recount(), 'the BM25 statistics equal a recount of what remains');
select is((select row(dropped, deleted_rows)::text from zenglow.maintenance_retire_chunks()), row('{}'::text[], 0::bigint)::text,
    'a second call has nothing left to retire');
select is(nullif(current_setting('zenglow.maintenance', true), ''), null, 'the step leaves maintenance mode off');

select * from finish();
rollback;
