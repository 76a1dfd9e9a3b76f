set local role zenglow_owner;

create or replace function zenglow.ensure_chunk_partition(p_at timestamptz default now(), p_trigger text default 'write')
returns text
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Makes sure the zenglow.chunks partition for p_at exists, creating it (and moving any rows of
-- its range out of the default partition) when it does not. Returns the partition created, or
-- null when it was there. Loaders call it before writing, so a write never waits for the next
-- maintenance run; when a write had to create it, the run record says healed_partition.
declare
    v_range record;
    v_moved bigint;
    v_started timestamptz := clock_timestamp();
begin
    if p_at is null or not isfinite(p_at) then
        raise exception using errcode = 'ZG009',
            message = format('a chunk partition is made for a finite time, not %s', coalesce(p_at::text, 'null'));
    end if;
    select * into v_range
    from zenglow.chunk_partition_range(p_at, (select chunk_partition_unit from zenglow.maintenance_settings));
    -- Present means attached to zenglow.chunks: a stray table of that name is no partition, and
    -- creating the real one then fails loudly rather than rows piling up in the default partition.
    if zenglow.is_chunk_partition(v_range.partition_name) then
        return null;
    end if;
    -- Two writers healing the same partition: the second waits here, then finds it made.
    perform pg_advisory_xact_lock(hashtextextended('zenglow.partition:' || v_range.partition_name, 0));
    if zenglow.is_chunk_partition(v_range.partition_name) then
        return null;
    end if;
    perform zenglow.maintenance_mode(true);
    v_moved := zenglow.create_partition('zenglow.chunks'::regclass, v_range.partition_name, 'ingested_at',
        v_range.range_start, v_range.range_end);
    if p_trigger = 'write' then
        insert into zenglow.maintenance_runs (started_at, finished_at, duration_ms, trigger, outcome, healed, moved_rows)
        values (v_started, clock_timestamp(), extract(epoch from clock_timestamp() - v_started) * 1000,
            'write', 'healed_partition', array[v_range.partition_name], v_moved);
    end if;
    perform zenglow.maintenance_mode(false);
    return v_range.partition_name;
end
$$;

comment on function zenglow.ensure_chunk_partition(timestamptz, text) is
    'Creates the chunks partition for a timestamp when missing (moving rows out of the default partition); null when present.';
