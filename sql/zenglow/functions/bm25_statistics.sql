set local role zenglow_owner;

create or replace function zenglow.bm25_statistics(
    p_tenant_id text,
    p_model text,
    p_terms text[],
    p_lexical_budget bigint,
    out chunk_count bigint,
    out avgdl double precision,
    out idf double precision[],
    out retrieval_terms text[]
)
language plpgsql
stable
as $$
-- The BM25 statistics of one query from the tenant's maintained term statistics, read once per
-- query rather than per chunk: N (chunks), the average chunk length (null for an empty corpus),
-- idf = ln(1 + (N - df + 0.5) / (df + 0.5)) of each term in p_terms' order, and the terms whose
-- postings lexical retrieval asks the GIN index for: the rarest ones whose document frequencies
-- add up to p_lexical_budget, always at least the rarest (a chunk holding only very common terms
-- cannot outrank them, and the index is never asked for most of the corpus).
begin
    select s.chunk_count, s.token_total::double precision / nullif(s.chunk_count, 0) into chunk_count, avgdl
    from zenglow.corpus_stats s where s.tenant_id = p_tenant_id and s.embedding_model = p_model;
    chunk_count := coalesce(chunk_count, 0);
    select coalesce(array_agg(ln(1 + (chunk_count - coalesce(t.df, 0) + 0.5) / (coalesce(t.df, 0) + 0.5)) order by q.ord), '{}')
    into idf
    from unnest(p_terms) with ordinality q (term, ord)
    left join zenglow.term_stats t on t.tenant_id = p_tenant_id and t.embedding_model = p_model and t.term = q.term;
    select coalesce(array_agg(ranked.term order by ranked.df), '{}') into retrieval_terms
    from (
        select q.term, t.df, sum(t.df) over (order by t.df, q.term) as running
        from unnest(p_terms) q (term)
        join zenglow.term_stats t on t.tenant_id = p_tenant_id and t.embedding_model = p_model and t.term = q.term
        where t.df > 0
    ) ranked
    where ranked.running <= p_lexical_budget or ranked.running = ranked.df;
end
$$;

comment on function zenglow.bm25_statistics(text, text, text[], bigint) is
    'BM25 statistics of a query for a tenant and model: (chunk_count, avgdl, idf per term, retrieval_terms within the lexical budget).';
