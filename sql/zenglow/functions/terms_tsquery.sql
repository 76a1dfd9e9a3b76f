set local role zenglow_owner;

create or replace function zenglow.terms_tsquery(p_terms text[])
returns tsquery
language sql
immutable
parallel safe
as $$
    -- 'a' | 'b' | … of already-stemmed terms, quoted so that no term is parsed or stemmed again.
    select string_agg('''' || replace(replace(t, '\', '\\'), '''', '''''') || '''', ' | ')::tsquery
    from unnest(p_terms) t
$$;
