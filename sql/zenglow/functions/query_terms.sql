set local role zenglow_owner;

create or replace function zenglow.query_terms(p_query text)
returns text[]
language sql
immutable
parallel safe
as $$
    -- The distinct English-stemmed terms of a query, as the chunks' tsv column stems them.
    select coalesce(array_agg(distinct u.lexeme order by u.lexeme), '{}')
    from unnest(to_tsvector('english'::regconfig, coalesce(p_query, ''))) u
$$;
