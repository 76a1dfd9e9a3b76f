set local role zenglow_owner;

create or replace function zenglow.maintenance_premake_partitions()
returns text[]
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Maintenance step 1: creates the zenglow.chunks partitions for now and the next chunk_premake
-- units, so that writes find theirs instead of the default partition. Returns the partitions it
-- created; when they all exist it creates nothing and takes no DDL lock. Waits for a maintenance
-- run in progress (the same advisory lock, re-entrant inside zenglow.run_maintenance), so it is
-- safe to call alone.
declare
    v_settings zenglow.maintenance_settings;
    v_range record;
    v_name text;
    v_created text[] := '{}';
begin
    perform pg_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0));
    select * into v_settings from zenglow.maintenance_settings;
    for v_range in
        select r.*
        from generate_series(0, v_settings.chunk_premake) as i,
            lateral zenglow.chunk_partition_range(now() + (i || ' ' || v_settings.chunk_partition_unit)::interval,
                v_settings.chunk_partition_unit) r
    loop
        v_name := zenglow.ensure_chunk_partition(v_range.range_start, 'scheduled');
        if v_name is not null then
            v_created := v_created || v_name;
        end if;
    end loop;
    return v_created;
end
$$;

revoke all on function zenglow.maintenance_premake_partitions() from public;

comment on function zenglow.maintenance_premake_partitions() is
    'Maintenance step 1: creates the chunks partitions for now and the next chunk_premake units; returns those created.';
