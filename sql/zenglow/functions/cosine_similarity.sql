set local role zenglow_owner;

create or replace function zenglow.cosine_similarity(p_a real[], p_b real[])
returns double precision
language sql
immutable
strict
parallel safe
as $$
    -- Exact cosine similarity of two real[] embeddings: the vector branch's fallback without pgvector.
    select sum(x::double precision * y) / nullif(sqrt(sum(x::double precision * x)) * sqrt(sum(y::double precision * y)), 0)
    from unnest(p_a, p_b) as t (x, y)
$$;
