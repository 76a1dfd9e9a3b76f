set local role zenglow_owner;

create or replace function zenglow_stats.jaccard(p_left text[], p_right text[])
returns double precision
language sql
immutable
parallel safe
as $$
    -- The overlap of two sets of documents (a week's top documents against the week before):
    -- shared / all distinct, 1 for the same set, 0 for disjoint ones. Order and repeats do not
    -- matter, nulls are not members; two empty sets have no overlap to measure, so null.
    select case when u.n > 0 then i.n::double precision / u.n end
    from (select count(*) as n from (select unnest(p_left) as x union select unnest(p_right)) s where s.x is not null) u,
        (select count(*) as n from (select unnest(p_left) as x intersect select unnest(p_right)) s where s.x is not null) i
$$;

comment on function zenglow_stats.jaccard(text[], text[]) is
    'Jaccard index of two text arrays taken as sets: distinct members in both / distinct members in either (0..1); '
    'nulls ignored; null when both are empty (or null).';
