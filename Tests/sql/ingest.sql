-- The staging load path: healing a missing partition, re-submission, document replacement, and
-- statistics that always equal a recount.
begin;
select plan(11);

insert into zenglow.tenants (tenant_id) values ('ingest-a');
create function pg_temp.stage(p_rows jsonb) returns void language plpgsql as $$
begin
    perform zenglow_api.prepare_staging();
    insert into zg_staging (row_number, document_id, chunk_order, source, title, metadata, content_hash, body, embedding)
    select r.ord, r.v ->> 'doc', (r.v ->> 'order')::integer, 'src', '', '{}', 'h', r.v ->> 'text',
        (select array_agg(0.1::real) from generate_series(1, 384))
    from jsonb_array_elements(p_rows) with ordinality as r (v, ord);
end
$$;
create function pg_temp.stats_match_recount() returns boolean language sql as $$
    select not exists (
        (select term, df from zenglow.term_stats where tenant_id = 'ingest-a' and df > 0)
        except
        (select u.lexeme, count(*) from zenglow.chunks c, unnest(c.tsv) u where c.tenant_id = 'ingest-a' group by 1))
    and not exists (
        (select u.lexeme, count(*) from zenglow.chunks c, unnest(c.tsv) u where c.tenant_id = 'ingest-a' group by 1)
        except
        (select term, df from zenglow.term_stats where tenant_id = 'ingest-a'))
    and (select (chunk_count, token_total) from zenglow.corpus_stats where tenant_id = 'ingest-a')
        = (select (count(*), sum(token_count)) from zenglow.chunks where tenant_id = 'ingest-a')
$$;

-- The month's partition is missing (maintenance has not run, or it was dropped): the write makes it.
select (zenglow.chunk_partition_range(now(), 'month')).partition_name as month_partition \gset
set client_min_messages = warning;
drop table if exists zenglow.:"month_partition";
reset client_min_messages;
set local zenglow.tenant_id = 'ingest-a';
set local role zenglow_ingest;
select pg_temp.stage('[{"doc": "d1", "order": 0, "text": "red apples and green pears"}, {"doc": "d1", "order": 1, "text": "apples keep"}]');
create temporary table first_load as select zenglow_api.ingest_staged_batch('b1', 'src', 'sha256:' || repeat('1', 64)) as m;
reset role;
select results_eq($$select m ->> 'state', m ->> 'reason', m ->> 'healed_partition' from first_load$$,
    format('values (''healed''::text, ''healed_partition''::text, %L::text)', :'month_partition'),
    'a batch whose partition was missing loads, creating it: state healed, reason healed_partition');
select is((select (m ->> 'accepted')::bigint from first_load), 2::bigint, 'both chunks are accepted');
select is((select (m ->> 'embedded')::bigint from first_load), 0::bigint, 'a batch sent with its embeddings counts none embedded');
select ok(pg_temp.stats_match_recount(), 'term statistics equal a recount after a load');

set local role zenglow_ingest;
select pg_temp.stage('[{"doc": "d1", "order": 0, "text": "red apples and green pears"}, {"doc": "d1", "order": 1, "text": "apples keep"}]');
create temporary table again as select zenglow_api.ingest_staged_batch('b1-again', 'src', 'sha256:' || repeat('1', 64)) as m;
reset role;
select is((select (m ->> 'resubmitted')::boolean from again), true, 'the same content sent again is recognised');
select is((select count(*) from zenglow.chunks where tenant_id = 'ingest-a'), 2::bigint, 'and changes nothing');

set local role zenglow_ingest;
select pg_temp.stage('[{"doc": "d1", "order": 0, "text": "only plums now"}]');
create temporary table replaced as select zenglow_api.ingest_staged_batch('b2', 'src', 'sha256:' || repeat('2', 64), 0, null, 1) as m;
reset role;
select is((select embedded from zenglow.batches where tenant_id = 'ingest-a' and batch_tag = 'b2'), 1::bigint,
    'the manifest keeps the count of chunks the loader embedded');
select is((select (m ->> 'replaced_chunks')::bigint from replaced), 2::bigint, 'a document sent again replaces its earlier chunks');
select results_eq($$select body from zenglow.chunks where tenant_id = 'ingest-a'$$, $$values ('only plums now'::text)$$,
    'only the new version remains');
select ok(pg_temp.stats_match_recount(), 'term statistics equal a recount after a replacement');
select is((select df from zenglow.term_stats where tenant_id = 'ingest-a' and term = 'appl'), null::bigint,
    'a term no chunk holds any more is forgotten');

select * from finish();
rollback;
