set local role zenglow_owner;

create or replace function zenglow.champion_weight(
    p_tf integer,
    p_dl integer,
    p_k1 double precision,
    p_b double precision,
    p_avgdl double precision
)
returns double precision
language sql
immutable
parallel safe
as $$
    -- The BM25 tf-part of one term in one chunk, tf(k1 + 1) / (tf + k1(1 - b + b·dl/avgdl)): the
    -- order of a champion list (idf is the same for every chunk of a term's list). Written as
    -- rag_query's BM25 writes it, so a list and the exact score agree on ties.
    select p_tf * (p_k1 + 1) / (p_tf + p_k1 * (1 - p_b + p_b * p_dl / p_avgdl))
$$;

grant execute on function zenglow.champion_weight(integer, integer, double precision, double precision, double precision)
    to zenglow_ingest;

comment on function zenglow.champion_weight(integer, integer, double precision, double precision, double precision) is
    'BM25 tf-part tf(k1+1)/(tf + k1(1 - b + b·dl/avgdl)) of a term in a chunk: the weight champion lists are ordered by.';
