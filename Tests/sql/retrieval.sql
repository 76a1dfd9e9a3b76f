-- Loading through the staging path and hybrid retrieval on a small hand-made corpus.
begin;
select plan(22);

\o /dev/null
\ir support/corpus.sql
\o

select results_eq($$select manifest ->> 'state', (manifest ->> 'accepted')::bigint, manifest -> 'by_source' from loaded_a$$,
    $$values ('done'::text, 6::bigint, '{"biology": 3, "medicine": 2, "physics": 1}'::jsonb)$$,
    'a staged batch loads: manifest done, 6 accepted, distribution by source');
select is((select chunk_count from zenglow.corpus_stats where tenant_id = 'retrieval-a'), 6::bigint, 'corpus statistics count the chunks');
select is((select df from zenglow.term_stats where tenant_id = 'retrieval-a' and term = 'light'), 3::bigint,
    'document frequency of "light" is the number of chunks holding it');
select is((select token_total from zenglow.corpus_stats where tenant_id = 'retrieval-a'),
    (select sum(zenglow.token_count(tsv)) from zenglow.chunks where tenant_id = 'retrieval-a')::bigint,
    'the corpus length is the sum of the chunks'' token counts');

-- BM25 by hand for "insulin" in doc-5: df 1 of N 6, tf 2, dl = its tokens, avgdl = mean tokens.
select is(round(((zenglow_api.rag_query('insulin', null, 1, '{}', true, 'bm25') -> 'results' -> 0 -> 'features' ->> 'bm25')::numeric), 6),
    (select round((ln(1 + (6 - 1 + 0.5) / (1 + 0.5)) * (2 * 2.2) / (2 + 1.2 * (1 - 0.75 + 0.75 * c.token_count / s.avg)))::numeric, 6)
     from zenglow.chunks c,
          (select token_total::double precision / chunk_count as avg from zenglow.corpus_stats where tenant_id = 'retrieval-a') s
     where c.document_id = 'doc-5'),
    'the lexical score is Okapi BM25 (k1 1.2, b 0.75) from the maintained statistics');

set local role zenglow_app;
\ir support/rankings.sql
select results_eq($$select r ->> 'model', (r ->> 'weights_version') is not null, r ->> 'degraded' from zenglow_api.rag_query('insulin', null) r$$,
    $$values ('all-MiniLM-L6-v2'::text, true, 'no_embedding'::text)$$,
    'the response names the model and weights version, and says when it ran without an embedding');
select ok((zenglow_api.rag_query('light', pg_temp.basis(6), 3, '{}', true) -> 'results' -> 0 -> 'features') ?& array['bm25', 'cosine', 'title_match', 'recency', 'source_prior', 'chunk_length'],
    'explain shows each candidate''s features');
select throws_ok($$select zenglow_api.rag_query('x', array[1, 2, 3]::real[])$$, 'ZG008',
    'the query embedding has 3 dimensions; model all-MiniLM-L6-v2 has 384', 'a query embedding of the wrong dimension is refused');
select throws_ok($$select zenglow_api.rag_query('x', null, 0)$$, 'ZG009', 'top_k must be between 1 and 1000, not 0', 'top_k 0 is refused');
select throws_ok($$select zenglow_api.rag_query('x', null, 5, '{"colour": "red"}')$$, 'ZG009', 'unknown filter ''colour''', 'an unknown filter is refused');
select is(jsonb_array_length(zenglow_api.rag_query('zzzunknownword', null) -> 'results'), 0, 'a query matching nothing returns no results');
select is(current_setting('enable_seqscan'), 'on', 'rag_query leaves the planner''s settings as they were for the rest of the transaction');
select ok((select proleakproof from pg_proc where oid = 'pg_catalog.ts_match_vq(tsvector, tsquery)'::regprocedure),
    'tsvector @@ tsquery is leakproof, so row-level security does not keep it out of index conditions');
set local zenglow.tenant_id = 'retrieval-b';
select is((select array_agg(r ->> 'document_id') from jsonb_array_elements(zenglow_api.rag_query('insulin', pg_temp.basis(5), 10) -> 'results') r),
    array['secret'], 'tenant B sees only its own chunk');
reset role;

select * from finish();
rollback;
