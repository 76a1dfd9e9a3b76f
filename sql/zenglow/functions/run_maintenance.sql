set local role zenglow_owner;

create or replace function zenglow.run_maintenance()
returns jsonb
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Partition upkeep, safe to run every minute (and cheap when there is nothing to do):
--   1. premake the chunks partitions for now and the next chunk_premake units;
--   2. move rows that landed in the default partition into partitions made for them (healed);
--   3. retention: drop chunks partitions wholly older than chunk_retention, unless they hold a
--      pinned batch, in which case only the unpinned batches' rows are deleted; either way the
--      BM25 statistics forget the rows first;
--   4. query_performance: drop_chunks on a hypertable, else premake/heal/drop daily partitions;
--   5. forget run records older than run_history_retention.
-- A transaction-level advisory lock makes a concurrent second run a recorded no-op. Each step
-- runs in its own subtransaction: one failing step is recorded and the others still run.
declare
    v_settings zenglow.maintenance_settings;
    v_run_id bigint;
    v_started timestamptz := clock_timestamp();
    v_created text[] := '{}';
    v_dropped text[] := '{}';
    v_healed text[] := '{}';
    v_moved bigint := 0;
    v_deleted bigint := 0;
    v_errors text[] := '{}';
    v_name text;
    v_range record;
    v_partition record;
    v_count bigint;
    v_result jsonb;
begin
    if not pg_try_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0)) then
        insert into zenglow.maintenance_runs (trigger, outcome, finished_at, duration_ms)
        values ('scheduled', 'skipped_locked', clock_timestamp(), extract(epoch from clock_timestamp() - v_started) * 1000)
        returning to_jsonb(maintenance_runs.*) into v_result;
        return v_result;
    end if;
    select * into v_settings from zenglow.maintenance_settings;
    perform zenglow.maintenance_mode(true);

    -- 1. premake
    begin
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
    exception when others then
        v_errors := v_errors || ('premake: ' || sqlerrm);
    end;
    perform zenglow.maintenance_mode(true);

    -- 2. heal rows in the default partition, whatever their time (past, or beyond the premade range)
    begin
        for v_range in
            select distinct r.*
            from (select distinct date_trunc(v_settings.chunk_partition_unit, c.ingested_at, 'UTC') as s
                  from only zenglow.chunks_default c) d,
                lateral zenglow.chunk_partition_range(d.s, v_settings.chunk_partition_unit) r
        loop
            select count(*) into v_count from only zenglow.chunks_default c
            where c.ingested_at >= v_range.range_start and c.ingested_at < v_range.range_end;
            v_name := zenglow.ensure_chunk_partition(v_range.range_start, 'scheduled');
            if v_name is not null then
                v_healed := v_healed || v_name;
                v_moved := v_moved + v_count;
            end if;
        end loop;
    exception when others then
        v_errors := v_errors || ('heal: ' || sqlerrm);
    end;
    perform zenglow.maintenance_mode(true);

    -- 3. chunk retention
    if v_settings.chunk_retention is not null then
        begin
            for v_partition in
                select c.oid::regclass as partition, c.relname as name
                from pg_inherits i join pg_class c on c.oid = i.inhrelid
                where i.inhparent = 'zenglow.chunks'::regclass
                  and zenglow.partition_upper_bound(c.oid) <= now() - v_settings.chunk_retention
                order by c.relname
            loop
                execute format(
                    'select count(*) from %s c join zenglow.batches b using (tenant_id, batch_id) where b.pinned',
                    v_partition.partition) into v_count;
                -- Batches lie in one partition each (one transaction, one ingested_at).
                execute format(
                    'update zenglow.batches b set expired_at = now()
                     where b.expired_at is null and not b.pinned
                       and exists (select from %s c where c.tenant_id = b.tenant_id and c.batch_id = b.batch_id)',
                    v_partition.partition);
                if v_count = 0 then
                    perform zenglow.forget_chunks(format('c.tableoid = %s', v_partition.partition::oid));
                    execute format('drop table %s', v_partition.partition);
                    v_dropped := v_dropped || v_partition.name::text;
                else
                    perform zenglow.forget_chunks(format(
                        'c.tableoid = %s and exists (select from zenglow.batches b
                         where b.tenant_id = c.tenant_id and b.batch_id = c.batch_id and not b.pinned)',
                        v_partition.partition::oid));
                    execute format(
                        'delete from %s c using zenglow.batches b
                         where b.tenant_id = c.tenant_id and b.batch_id = c.batch_id and not b.pinned',
                        v_partition.partition);
                    get diagnostics v_count = row_count;
                    v_deleted := v_deleted + v_count;
                end if;
            end loop;
        exception when others then
            v_errors := v_errors || ('chunk retention: ' || sqlerrm);
        end;
    end if;

    -- 4. query_performance
    begin
        if zenglow.is_hypertable('zenglow.query_performance'::regclass) then
            -- search_path is pinned, so TimescaleDB's function is named with its schema.
            execute format(
                'select coalesce(array_agg(c::text), ''{}'') from %I.drop_chunks(''zenglow.query_performance''::regclass, older_than => $1) c',
                (select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'timescaledb'))
                into v_name using now() - v_settings.query_performance_retention;
            v_dropped := v_dropped || v_name::text[];
        elsif (select relkind from pg_class where oid = 'zenglow.query_performance'::regclass) = 'p' then
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
            loop
                if to_regclass(format('zenglow.%I', v_range.partition_name)) is null then
                    v_count := zenglow.create_partition('zenglow.query_performance'::regclass, v_range.partition_name, 'ts',
                        v_range.range_start, v_range.range_end);
                    v_moved := v_moved + v_count;
                    if v_range.healing then
                        v_healed := v_healed || v_range.partition_name;
                    else
                        v_created := v_created || v_range.partition_name;
                    end if;
                end if;
            end loop;
            for v_partition in
                select c.oid::regclass as partition, c.relname as name
                from pg_inherits i join pg_class c on c.oid = i.inhrelid
                where i.inhparent = 'zenglow.query_performance'::regclass
                  and zenglow.partition_upper_bound(c.oid) <= now() - v_settings.query_performance_retention
            loop
                execute format('drop table %s', v_partition.partition);
                v_dropped := v_dropped || v_partition.name::text;
            end loop;
        end if;
    exception when others then
        v_errors := v_errors || ('query_performance: ' || sqlerrm);
    end;

    -- 5. run history
    delete from zenglow.maintenance_runs where started_at < now() - v_settings.run_history_retention;

    perform zenglow.maintenance_mode(false);
    insert into zenglow.maintenance_runs
        (started_at, finished_at, duration_ms, trigger, outcome, created, dropped, healed, moved_rows, deleted_rows, error)
    values (v_started, clock_timestamp(), extract(epoch from clock_timestamp() - v_started) * 1000, 'scheduled',
        case when cardinality(v_errors) > 0 then 'partial'
             when cardinality(v_healed) > 0 then 'healed_partition'
             else 'success' end,
        v_created, v_dropped, v_healed, v_moved, v_deleted, nullif(array_to_string(v_errors, '; '), ''))
    returning run_id into v_run_id;
    select to_jsonb(r) into v_result from zenglow.maintenance_runs r where r.run_id = v_run_id;
    return v_result;
end
$$;

comment on function zenglow.run_maintenance() is
    'Premakes, heals and retires partitions of chunks and query_performance; records the run in zenglow.maintenance_runs. '
    'Safe to run every minute and concurrently.';
