set local role zenglow_owner;

create or replace function zenglow.partition_upper_bound(p_partition regclass)
returns timestamptz
language sql
stable
as $$
    -- The exclusive upper bound of a range partition on a timestamptz key; null for a default partition.
    select (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz
    from pg_class c
    where c.oid = p_partition
$$;
