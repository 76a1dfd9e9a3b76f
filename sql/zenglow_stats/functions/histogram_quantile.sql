set local role zenglow_owner;

create or replace function zenglow_stats.histogram_quantile(hist bigint[], q double precision)
returns double precision
language plpgsql
immutable
parallel safe
as $$
-- The q-quantile (0..1) of a latency histogram, in ms. The walk is exact: the bucket holding it is
-- the first whose cumulative count reaches ceil(q·total) (at least 1), the same rank that
-- percentile_disc(q) picks from the raw values, so the true value lies in that bucket and the
-- answer, the bucket's geometric middle 0.01·2^((2i-3)/8), is within 2^(1/8)-1 (9.05%) of it.
-- Bucket 1 (below 0.01 ms) reports 0.005 ms; bucket 108 (open-ended) its lower bound. Null for a
-- null or empty histogram; a q outside [0, 1] is refused with ZG009.
declare
    v_total numeric := 0;
    v_rank numeric;
    v_cumulative numeric := 0;
begin
    if q is null or q < 0 or q > 1 or q = 'NaN'::double precision then
        raise exception using errcode = 'ZG009',
            message = format('histogram_quantile: q must be a number between 0 and 1, not %s', coalesce(q::text, 'null')),
            hint = 'e.g. 0.95 for p95';
    end if;
    if hist is null then
        return null;
    end if;
    select coalesce(sum(h), 0) into v_total from unnest(hist) h;
    if v_total <= 0 then
        return null;
    end if;
    -- percentile_disc's rank, computed as it computes it (in double precision).
    v_rank := greatest(1, ceil(q * v_total::double precision));
    for v_index in 1 .. array_length(hist, 1) loop
        v_cumulative := v_cumulative + coalesce(hist[v_index], 0);
        if v_cumulative >= v_rank then
            return case v_index
                when 1 then 0.005
                when 108 then 0.01 * power(2.0::double precision, 106 / 4.0)
                else 0.01 * power(2.0::double precision, (2 * v_index - 3) / 8.0)
            end;
        end if;
    end loop;
    return null;
end
$$;

comment on function zenglow_stats.histogram_quantile(bigint[], double precision) is
    'The q-quantile (q in 0..1) of a latency histogram in ms: the geometric middle of the bucket holding the value '
    'percentile_disc(q) would pick, so within 9.05% of it (0.005 ms for bucket 1, the lower bound for bucket 108); '
    'null when empty; ZG009 for q outside [0, 1].';
