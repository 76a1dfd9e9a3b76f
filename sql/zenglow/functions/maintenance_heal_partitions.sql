set local role zenglow_owner;

create or replace function zenglow.maintenance_heal_partitions(out healed text[], out moved_rows bigint)
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Maintenance step 2: rows found in zenglow.chunks_default (a writer raced a missing partition,
-- or a row lies beyond the premade range, past or future) are moved into a partition created
-- for their range. Returns the partitions made and the rows moved; an empty default partition
-- means nothing to do and no DDL lock. The default partition is read directly, as the owner:
-- partitions have no row-level security of their own. Safe to call alone (waits for a run).
declare
    v_unit text := (select chunk_partition_unit from zenglow.maintenance_settings);
    v_range record;
    v_name text;
    v_count bigint;
begin
    perform pg_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0));
    healed := '{}';
    moved_rows := 0;
    for v_range in
        select distinct r.*
        from (select distinct date_trunc(v_unit, c.ingested_at, 'UTC') as s from only zenglow.chunks_default c) d,
            lateral zenglow.chunk_partition_range(d.s, v_unit) r
    loop
        select count(*) into v_count from only zenglow.chunks_default c
        where c.ingested_at >= v_range.range_start and c.ingested_at < v_range.range_end;
        v_name := zenglow.ensure_chunk_partition(v_range.range_start, 'scheduled');
        if v_name is not null then
            healed := healed || v_name;
            moved_rows := moved_rows + v_count;
        end if;
    end loop;
end
$$;

revoke all on function zenglow.maintenance_heal_partitions() from public;

comment on function zenglow.maintenance_heal_partitions() is
    'Maintenance step 2: moves rows out of chunks_default into partitions made for them; returns (healed, moved_rows).';
