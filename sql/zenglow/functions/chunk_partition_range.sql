set local role zenglow_owner;

create or replace function zenglow.chunk_partition_range(
    p_at timestamptz,
    p_unit text,
    out range_start timestamptz,
    out range_end timestamptz,
    out partition_name text
)
language sql
stable
as $$
    -- The partition of zenglow.chunks that holds p_at: one day, week (from Monday) or month,
    -- aligned in UTC, named after its first day, e.g. chunks_p20261101.
    select s, s + ('1 ' || p_unit)::interval, 'chunks_p' || to_char(s at time zone 'UTC', 'YYYYMMDD')
    from (select date_trunc(p_unit, p_at, 'UTC') as s) r
$$;
