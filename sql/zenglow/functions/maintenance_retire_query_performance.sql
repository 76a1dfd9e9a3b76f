set local role zenglow_owner;

create or replace function zenglow.maintenance_retire_query_performance(
    out created text[],
    out dropped text[],
    out healed text[],
    out moved_rows bigint
)
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Maintenance step 5, zenglow.query_performance past query_performance_retention (30 days):
-- on a TimescaleDB hypertable, drop_chunks (the Apache build has no retention policy); on the
-- plain-PostgreSQL fallback, daily partitions are premade query_performance_premake_days ahead,
-- rows in the default partition are moved into partitions made for them (healed), and whole
-- days past retention are dropped. Returns the partitions (or TimescaleDB chunks) created,
-- dropped and healed and the rows moved. Moving rows writes through the parent, whose row-level
-- security is forced, hence maintenance mode. Safe to call alone (waits for a run in progress).
-- Never drops a row the 5-minute rollups may still need: the cutoff is the earlier of the
-- retention and the 5m watermark minus the late window (nothing while no refresh ever ran), so a
-- rollup step that keeps failing makes raw rows wait instead of vanishing un-rolled.
declare
    v_settings zenglow.maintenance_settings;
    v_range record;
    v_partition record;
    v_chunks text[];
    v_cutoff timestamptz;
begin
    created := '{}';
    dropped := '{}';
    healed := '{}';
    moved_rows := 0;
    perform pg_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0));
    select * into v_settings from zenglow.maintenance_settings;
    v_cutoff := least(now() - v_settings.query_performance_retention,
        coalesce((select w.watermark - v_settings.query_rollup_late_window
                  from zenglow.query_rollup_watermarks w where w.level = '5m'), '-infinity'));
    if v_cutoff = '-infinity' then
        return;
    end if;
    if zenglow.is_hypertable('zenglow.query_performance'::regclass) then
        -- search_path is pinned, so TimescaleDB's function is named with its schema.
        execute format(
            'select coalesce(array_agg(c::text), ''{}'') from %I.drop_chunks(''zenglow.query_performance''::regclass, older_than => $1) c',
            (select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'timescaledb'))
            into v_chunks using v_cutoff;
        dropped := v_chunks;
        return;
    end if;
    if (select relkind from pg_class where oid = 'zenglow.query_performance'::regclass) <> 'p' then
        return;
    end if;
    perform zenglow.maintenance_mode(true);
    for v_range in
        select s as range_start, s + interval '1 day' as range_end,
            'query_performance_p' || to_char(s at time zone 'UTC', 'YYYYMMDD') as partition_name,
            false as healing
        from generate_series(date_trunc('day', now(), 'UTC'),
            date_trunc('day', now(), 'UTC') + make_interval(days => v_settings.query_performance_premake_days),
            interval '1 day') s
        union
        select distinct date_trunc('day', q.ts, 'UTC'), date_trunc('day', q.ts, 'UTC') + interval '1 day',
            'query_performance_p' || to_char(date_trunc('day', q.ts, 'UTC') at time zone 'UTC', 'YYYYMMDD'), true
        from only zenglow.query_performance_default q
        order by 1
    loop
        if to_regclass(format('zenglow.%I', v_range.partition_name)) is null then
            moved_rows := moved_rows + zenglow.create_partition('zenglow.query_performance'::regclass,
                v_range.partition_name, 'ts', v_range.range_start, v_range.range_end);
            if v_range.healing then
                healed := healed || v_range.partition_name;
            else
                created := created || v_range.partition_name;
            end if;
        end if;
    end loop;
    for v_partition in
        select c.oid::regclass as partition, c.relname as name
        from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'zenglow.query_performance'::regclass
          and zenglow.partition_upper_bound(c.oid) <= v_cutoff
    loop
        execute format('drop table %s', v_partition.partition);
        dropped := dropped || v_partition.name::text;
    end loop;
    perform zenglow.maintenance_mode(false);
end
$$;

revoke all on function zenglow.maintenance_retire_query_performance() from public;

comment on function zenglow.maintenance_retire_query_performance() is
    'Maintenance step 5: query_performance retention (drop_chunks on a hypertable; premade, healed and dropped daily '
    'partitions without TimescaleDB); returns (created, dropped, healed, moved_rows).';
