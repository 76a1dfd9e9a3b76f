set local role zenglow_owner;

create or replace function zenglow_stats.jensen_shannon(p_left jsonb, p_right jsonb)
returns double precision
language sql
immutable
parallel safe
as $$
    -- How far apart two mixes are, for the drift views: each side is a {key: count} object
    -- (sources of a batch, sources of a week's results), made into shares of its own total, and
    -- compared by the base-2 Jensen-Shannon divergence: 0 for the same shares, 1 for mixes with no
    -- key in common, symmetric, defined even where one side lacks a key (unlike Kullback-Leibler).
    -- Only positive numbers count; a side with none (empty, null, not an object) gives null, not
    -- a number that would read as "no drift". Counts are summed as numeric, so no size overflows.
    with l as (
        select e.key, (e.value #>> '{}')::numeric as n
        from jsonb_each(case when jsonb_typeof(p_left) = 'object' then p_left else '{}'::jsonb end) e
        where jsonb_typeof(e.value) = 'number' and (e.value #>> '{}')::numeric > 0
    ), r as (
        select e.key, (e.value #>> '{}')::numeric as n
        from jsonb_each(case when jsonb_typeof(p_right) = 'object' then p_right else '{}'::jsonb end) e
        where jsonb_typeof(e.value) = 'number' and (e.value #>> '{}')::numeric > 0
    ), p as (
        select l.key, (l.n / sum(l.n) over ())::double precision as share from l
    ), q as (
        select r.key, (r.n / sum(r.n) over ())::double precision as share from r
    ), pairs as (
        select coalesce(p.share, 0) as a, coalesce(q.share, 0) as b from p full join q on q.key = p.key
    )
    select case when exists (select from l) and exists (select from r) then
        greatest(0::double precision, least(1::double precision, (
            select sum(
                case when a > 0 then 0.5 * a * ln(a / ((a + b) / 2)) else 0 end
                + case when b > 0 then 0.5 * b * ln(b / ((a + b) / 2)) else 0 end) / ln(2::double precision)
            from pairs)))
    end
$$;

comment on function zenglow_stats.jensen_shannon(jsonb, jsonb) is
    'Base-2 Jensen-Shannon divergence (0..1) of two {key: count} objects taken as shares of their totals: 0 the same mix, '
    '1 no key in common. Non-positive and non-numeric values are ignored; null when either side has no positive count.';
