set local role zenglow_owner;

create or replace function zenglow.token_count(p_tsv tsvector)
returns integer
language sql
immutable
parallel safe
as $$
    -- A chunk's length for BM25: its indexed token occurrences (stop words excluded).
    select coalesce(sum(cardinality(u.positions)), 0)::integer from unnest(p_tsv) u
$$;
