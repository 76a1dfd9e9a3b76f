set local role zenglow_owner;

create or replace function zenglow_stats.histogram_add(p_state bigint[], p_value bigint[])
returns bigint[]
language plpgsql
immutable
strict
parallel safe
as $$
-- The state (and combine) function of zenglow_stats.histogram_merge: the element-wise sum of two
-- latency histograms. Lengths may differ (trailing zeros are trimmed when histograms are made),
-- and a missing or null element counts as 0. Strict, so the aggregate starts from its first
-- non-null histogram and skips null ones without calling this. PL/pgSQL because it runs once per
-- merged row and an in-place loop over at most 108 elements is the cheapest way here.
declare
    v_length integer := greatest(coalesce(array_length(p_state, 1), 0), coalesce(array_length(p_value, 1), 0));
    v_sum bigint[] := p_state;
begin
    if coalesce(array_length(p_value, 1), 0) = 0 then
        return p_state;
    end if;
    for v_index in 1 .. v_length loop
        v_sum[v_index] := coalesce(p_state[v_index], 0) + coalesce(p_value[v_index], 0);
    end loop;
    return v_sum;
end
$$;

comment on function zenglow_stats.histogram_add(bigint[], bigint[]) is
    'Element-wise sum of two latency histograms of any lengths (missing elements count as 0): histogram_merge''s state function.';
