set local role zenglow_owner;

create or replace function zenglow_stats.jsonb_count_add(p_state jsonb, p_value jsonb)
returns jsonb
language sql
immutable
strict
parallel safe
as $$
    -- The state (and combine) function of zenglow_stats.jsonb_count_merge: two {key: count}
    -- objects summed key by key (a key in one only keeps its count). Strict, so the aggregate
    -- starts from its first non-null object and skips nulls.
    select coalesce(jsonb_object_agg(key, total), '{}'::jsonb)
    from (
        select key, sum(value::numeric) as total
        from (select key, value from jsonb_each_text(p_state) union all select key, value from jsonb_each_text(p_value)) e
        group by key
    ) s
$$;

comment on function zenglow_stats.jsonb_count_add(jsonb, jsonb) is
    'Sums two {key: count} JSON objects key by key: jsonb_count_merge''s state function.';
