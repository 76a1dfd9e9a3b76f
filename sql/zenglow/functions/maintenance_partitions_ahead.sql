set local role zenglow_owner;

create or replace function zenglow.maintenance_partitions_ahead()
returns table (table_name text, partitions_ahead integer, premake integer)
language plpgsql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
-- How far ahead maintenance has made partitions: per partitioned table (chunks; query_performance
-- without TimescaleDB), how many consecutive partitions exist after the one holding now(), and how
-- many the settings ask for (chunk_premake, query_performance_premake_days). The maintainer
-- exposes it as zenglow_maintenance_partitions_ahead{table}; fewer than premake for several runs
-- means premaking fails, and writes will soon land in a default partition. A TimescaleDB
-- hypertable has no row: it makes its chunks on demand.
declare
    v_settings zenglow.maintenance_settings;
    v_ahead integer;
begin
    select * into v_settings from zenglow.maintenance_settings;
    v_ahead := 0;
    -- Bounded by chunk_premake's own limit (60) and a margin.
    while v_ahead < 120 and exists (
        select from pg_inherits i
        where i.inhparent = 'zenglow.chunks'::regclass
            and i.inhrelid = to_regclass('zenglow.' || quote_ident((zenglow.chunk_partition_range(
                now() + ((v_ahead + 1) || ' ' || v_settings.chunk_partition_unit)::interval,
                v_settings.chunk_partition_unit)).partition_name))) loop
        v_ahead := v_ahead + 1;
    end loop;
    table_name := 'chunks';
    partitions_ahead := v_ahead;
    premake := v_settings.chunk_premake;
    return next;

    if (select relkind from pg_class where oid = 'zenglow.query_performance'::regclass) = 'p' then
        v_ahead := 0;
        while v_ahead < 120 and exists (
            select from pg_inherits i
            where i.inhparent = 'zenglow.query_performance'::regclass
                and i.inhrelid = to_regclass('zenglow.' || quote_ident('query_performance_p'
                    || to_char((now() at time zone 'UTC')::date + v_ahead + 1, 'YYYYMMDD')))) loop
            v_ahead := v_ahead + 1;
        end loop;
        table_name := 'query_performance';
        partitions_ahead := v_ahead;
        premake := v_settings.query_performance_premake_days;
        return next;
    end if;
end
$$;

revoke all on function zenglow.maintenance_partitions_ahead() from public;

comment on function zenglow.maintenance_partitions_ahead() is
    'Per partitioned table (chunks; query_performance without TimescaleDB): consecutive partitions after the current one, and '
    'how many the settings premake.';
