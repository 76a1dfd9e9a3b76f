set local role zenglow_owner;

create or replace function zenglow_stats.histogram_count(hist bigint[])
returns bigint
language sql
immutable
strict
parallel safe
as $$
    -- How many values a latency histogram holds (the sum of its buckets; null elements count 0).
    -- 0 for an empty histogram, null for null (a stage that recorded no values).
    select coalesce(sum(h), 0)::bigint from unnest(hist) h
$$;

comment on function zenglow_stats.histogram_count(bigint[]) is
    'The number of values in a latency histogram (sum of its buckets); 0 when empty, null for null.';
