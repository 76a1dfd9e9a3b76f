set local role zenglow_owner;

create or replace function zenglow_stats.jsonb_top_keys(p_counts jsonb, p_limit integer)
returns text[]
language sql
immutable
parallel safe
as $$
    -- The p_limit keys of a {key: count} object with the largest counts (ties by key, so the
    -- answer is the same on every call): a period's top documents from their merged counts.
    -- Non-positive and non-numeric counts are not members; an empty answer is '{}'.
    select coalesce(array_agg(t.key order by t.n desc, t.key), '{}')
    from (
        select e.key, (e.value #>> '{}')::numeric as n
        from jsonb_each(case when jsonb_typeof(p_counts) = 'object' then p_counts else '{}'::jsonb end) e
        where jsonb_typeof(e.value) = 'number' and (e.value #>> '{}')::numeric > 0
        order by 2 desc, 1
        limit greatest(coalesce(p_limit, 0), 0)
    ) t
$$;

comment on function zenglow_stats.jsonb_top_keys(jsonb, integer) is
    'The keys of a {key: count} object with the p_limit largest positive counts, largest first (ties by key); {} when none.';
