set local role zenglow_owner;

create or replace function zenglow.title_match(p_title text, p_terms text[])
returns double precision
language sql
immutable
parallel safe
as $$
    -- The share of the query's terms that appear in the title (an LTR feature, 0 to 1).
    select case when cardinality(p_terms) = 0 then 0 else
        (select count(*) from unnest(tsvector_to_array(to_tsvector('english'::regconfig, coalesce(p_title, '')))) l
         where l = any (p_terms))::double precision / cardinality(p_terms) end
$$;
