-- Ranking assertions shared by retrieval.sql (pgvector, HNSW) and fallback/retrieval.sql
-- (real[], exact scan): both must give the same answers on the small corpus. 8 tests.
create function pg_temp.top(p_query text, p_embedding real[], p_mode text, p_filters jsonb default '{}', p_k integer default 3)
returns text[] language sql as $$
    select array_agg(r ->> 'document_id' order by ord)
    from jsonb_array_elements(zenglow_api.rag_query(p_query, p_embedding, p_k, p_filters, false, p_mode) -> 'results')
        with ordinality as t (r, ord)
$$;

select is((pg_temp.top('insulin and diabetes', null, 'bm25'))[1], 'doc-5', 'bm25: the insulin chunk answers an insulin query first');
select is((pg_temp.top('', pg_temp.basis(3), 'vector'))[1], 'doc-3', 'vector: the nearest embedding comes first');
select is((pg_temp.top('light photosynthesis', pg_temp.basis(6), 'rrf'))[1], 'doc-6',
    'rrf: the chunk strong in both branches comes first');
select is((pg_temp.top('light photosynthesis', pg_temp.basis(6), 'fusion'))[1], 'doc-6',
    'fusion: the chunk strong in both branches comes first');
select is((pg_temp.top('light photosynthesis', null, 'fusion'))[1], 'doc-1',
    'fusion without an embedding ranks by the LTR score (the title match wins)');
select is(pg_temp.top('light', pg_temp.basis(6), 'fusion', '{"source": "physics"}'), array['doc-4'],
    'a source filter holds in both branches');
select is(pg_temp.top('insulin light', pg_temp.basis(1), 'rrf', '{"metadata": {"lang": "de"}}'), array['doc-5'],
    'a metadata filter holds in both branches');
select ok(not ('secret' = any (pg_temp.top('insulin diabetes private notes', pg_temp.basis(5), 'fusion', '{}', 10))),
    'another tenant''s chunk never appears, however well it matches');
