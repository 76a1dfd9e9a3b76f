set local role zenglow_owner;

create or replace function zenglow.bm25(
    p_tsv tsvector,
    p_token_count integer,
    p_terms text[],
    p_idf double precision[],
    p_avgdl double precision,
    p_k1 double precision,
    p_b double precision
)
returns double precision
language sql
immutable
parallel safe
as $$
    -- Okapi BM25 of one chunk: for each query term present, idf * tf (k1 + 1) / (tf + k1 (1 - b + b dl / avgdl)),
    -- tf being the term's occurrences in the chunk (its positions in the tsvector), dl the chunk's tokens.
    select coalesce(sum(q.idf * (cardinality(u.positions) * (p_k1 + 1))
        / (cardinality(u.positions) + p_k1 * (1 - p_b + p_b * p_token_count / greatest(p_avgdl, 1)))), 0)
    from unnest(p_tsv) u
    join unnest(p_terms, p_idf) as q (term, idf) on q.term = u.lexeme
$$;
