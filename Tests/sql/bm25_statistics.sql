-- zenglow.bm25_statistics: N, avgdl and idf per query term from the maintained statistics, and
-- the retrieval terms within the lexical budget (rarest first, the rarest always).
begin;
select plan(9);

insert into zenglow.tenants (tenant_id) values ('bm25-a'), ('bm25-b');
insert into zenglow.corpus_stats values ('bm25-a', 'all-MiniLM-L6-v2', 10, 100);
insert into zenglow.term_stats values ('bm25-a', 'all-MiniLM-L6-v2', 'rare', 1), ('bm25-a', 'all-MiniLM-L6-v2', 'mid', 3),
    ('bm25-a', 'all-MiniLM-L6-v2', 'common', 8), ('bm25-a', 'all-MiniLM-L6-v2', 'gone', 0);
create function pg_temp.stats(p_terms text[], p_budget bigint, p_tenant text default 'bm25-a')
returns table (chunk_count bigint, avgdl double precision, idf double precision[], retrieval_terms text[])
language sql as $$ select * from zenglow.bm25_statistics(p_tenant, 'all-MiniLM-L6-v2', p_terms, p_budget) $$;

set local role zenglow_app;
set local zenglow.tenant_id = 'bm25-a';
select results_eq($$select chunk_count, avgdl from pg_temp.stats('{common}', 5000)$$, $$values (10::bigint, 10::double precision)$$,
    'N is the corpus''s chunk count and avgdl its tokens per chunk');
select is((select idf from pg_temp.stats('{common,rare,unseen}', 5000)),
    array[ln(1 + (10 - 8 + 0.5) / (8 + 0.5)), ln(1 + (10 - 1 + 0.5) / (1 + 0.5)), ln(1 + (10 - 0 + 0.5) / (0 + 0.5))]::double precision[],
    'idf = ln(1 + (N - df + 0.5) / (df + 0.5)) for each term, in the query''s order (an unseen term has df 0)');
select is((select retrieval_terms from pg_temp.stats('{common,mid,rare}', 5000)), array['rare', 'mid', 'common'],
    'within the budget every matching term is a retrieval term, rarest first');
select is((select retrieval_terms from pg_temp.stats('{common,mid,rare}', 4)), array['rare', 'mid'],
    'the budget keeps the rarest terms whose document frequencies add up to it');
select is((select retrieval_terms from pg_temp.stats('{common}', 4)), array['common'],
    'the rarest term counts even when it alone exceeds the budget');
select is((select retrieval_terms from pg_temp.stats('{unseen,gone}', 5000)), '{}'::text[],
    'terms no chunk holds (unseen, or df 0) are never retrieval terms');
select results_eq($$select chunk_count, avgdl, retrieval_terms from pg_temp.stats('{common}', 5000, 'bm25-b')$$,
    $$values (0::bigint, null::double precision, '{}'::text[])$$, 'an empty corpus: N 0, no avgdl, nothing to retrieve');
select is((select idf from pg_temp.stats('{common}', 5000, 'bm25-b')), array[ln(2)]::double precision[],
    'and idf ln 2 for every term');
set local zenglow.tenant_id = 'bm25-b';
select is((select chunk_count from pg_temp.stats('{common}', 5000, 'bm25-a')), 0::bigint,
    'it runs with the caller''s rights: another tenant''s statistics are invisible under row-level security');
reset role;

select * from finish();
rollback;
