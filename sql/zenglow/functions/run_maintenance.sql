set local role zenglow_owner;

create or replace function zenglow.run_maintenance(p_scheduler text)
returns jsonb
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Partition upkeep, safe to run every minute (and cheap when there is nothing to do). An
-- orchestrator over one function per step, in this order:
--   1. zenglow.maintenance_premake_partitions        chunks partitions for now and ahead
--   2. zenglow.maintenance_heal_partitions           rows in chunks_default into their own partitions
--   3. zenglow.maintenance_retire_chunks             chunk retention, pinned batches kept
--   4. zenglow.refresh_query_rollups                 the 5m/1h/1d rollups from their watermarks, then
--                                                    their retention (its jsonb goes into the run's rollups)
--   5. zenglow.maintenance_retire_query_performance  drop_chunks, or daily partitions without TimescaleDB,
--                                                    never past what step 4 rolled up
--   6. zenglow.maintenance_term_champions            champion lists missing (a deferred bulk load, chunks
--                                                    from before 0024) or built for an avgdl that drifted
--   7. zenglow.maintenance_analyze_partitions        ANALYZE the partitions a large load changed
--                                                    (after retention: nothing about to be dropped)
--   8. zenglow.maintenance_forget_runs               run records past run_history_retention
-- A transaction-level advisory lock makes a concurrent second run a recorded no-op
-- (skipped_locked). Each step runs in its own subtransaction: a failing step is recorded
-- (outcome partial, error '<step>: <message>') and the others still run. The run is one row of
-- zenglow.maintenance_runs, which is also what this returns; p_scheduler (manual, service, pg_cron)
-- records what started it, so `migrate status` and /health/ready can say which scheduler is active.
declare
    v_started timestamptz := clock_timestamp();
    v_run_id bigint;
    v_created text[] := '{}';
    v_dropped text[] := '{}';
    v_healed text[] := '{}';
    v_analyzed text[] := '{}';
    v_moved bigint := 0;
    v_deleted bigint := 0;
    v_errors text[] := '{}';
    v_step record;
    v_rollups jsonb;
    v_result jsonb;
begin
    if p_scheduler is null or p_scheduler not in ('manual', 'service', 'pg_cron') then
        raise exception 'unknown maintenance scheduler %: manual, service or pg_cron', coalesce(quote_literal(p_scheduler), 'null')
            using errcode = '22023';
    end if;
    if not pg_try_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0)) then
        insert into zenglow.maintenance_runs (trigger, outcome, finished_at, duration_ms, scheduler)
        values ('scheduled', 'skipped_locked', clock_timestamp(), extract(epoch from clock_timestamp() - v_started) * 1000,
            p_scheduler)
        returning to_jsonb(maintenance_runs.*) into v_result;
        return v_result;
    end if;

    begin
        v_created := v_created || zenglow.maintenance_premake_partitions();
    exception when others then
        v_errors := v_errors || ('premake: ' || sqlerrm);
    end;

    begin
        select * into v_step from zenglow.maintenance_heal_partitions();
        v_healed := v_healed || v_step.healed;
        v_moved := v_moved + v_step.moved_rows;
    exception when others then
        v_errors := v_errors || ('heal: ' || sqlerrm);
    end;

    begin
        select * into v_step from zenglow.maintenance_retire_chunks();
        v_dropped := v_dropped || v_step.dropped;
        v_deleted := v_deleted + v_step.deleted_rows;
    exception when others then
        v_errors := v_errors || ('chunk retention: ' || sqlerrm);
    end;

    -- Before raw retention, which drops only what the 5-minute rollups hold.
    begin
        v_rollups := zenglow.refresh_query_rollups();
    exception when others then
        v_errors := v_errors || ('rollups: ' || sqlerrm);
    end;

    begin
        select * into v_step from zenglow.maintenance_retire_query_performance();
        v_created := v_created || v_step.created;
        v_dropped := v_dropped || v_step.dropped;
        v_healed := v_healed || v_step.healed;
        v_moved := v_moved + v_step.moved_rows;
    exception when others then
        v_errors := v_errors || ('query_performance: ' || sqlerrm);
    end;

    begin
        perform zenglow.maintenance_term_champions();
    exception when others then
        v_errors := v_errors || ('champion lists: ' || sqlerrm);
    end;

    begin
        v_analyzed := zenglow.maintenance_analyze_partitions();
    exception when others then
        v_errors := v_errors || ('analyze: ' || sqlerrm);
    end;

    begin
        perform zenglow.maintenance_forget_runs();
    exception when others then
        v_errors := v_errors || ('run history: ' || sqlerrm);
    end;

    -- Each step leaves maintenance mode off (a failed one's subtransaction undid it); make sure.
    perform zenglow.maintenance_mode(false);
    insert into zenglow.maintenance_runs
        (started_at, finished_at, duration_ms, trigger, outcome, created, dropped, healed, moved_rows, deleted_rows, error, rollups,
         scheduler, analyzed)
    values (v_started, clock_timestamp(), extract(epoch from clock_timestamp() - v_started) * 1000, 'scheduled',
        case when cardinality(v_errors) > 0 then 'partial'
             when cardinality(v_healed) > 0 then 'healed_partition'
             else 'success' end,
        v_created, v_dropped, v_healed, v_moved, v_deleted, nullif(array_to_string(v_errors, '; '), ''), v_rollups,
        p_scheduler, v_analyzed)
    returning run_id into v_run_id;
    select to_jsonb(r) into v_result from zenglow.maintenance_runs r where r.run_id = v_run_id;
    return v_result;
end
$$;

revoke all on function zenglow.run_maintenance(text) from public;

-- The signature every caller before the schedulers used (operators, benchmarks, tests): a manual
-- run. A separate function rather than a default on p_scheduler, so that `run_maintenance()` stays
-- one unambiguous function whose grants (sql/zenglow/grants) keep naming it.
create or replace function zenglow.run_maintenance()
returns jsonb
language sql
security definer
set search_path = pg_catalog, pg_temp
as $$
    select zenglow.run_maintenance('manual')
$$;

comment on function zenglow.run_maintenance(text) is
    'Premakes, heals and retires partitions of chunks and query_performance, refreshes the query rollups and ANALYZEs the partitions '
    'a large load changed (one function per step, each in its own subtransaction); records the run and its scheduler (manual, '
    'service, pg_cron) in zenglow.maintenance_runs and returns that row. Safe to run every minute and concurrently.';
comment on function zenglow.run_maintenance() is 'zenglow.run_maintenance(''manual''): one manual run.';
