set local role zenglow_owner;

create or replace function zenglow.maintenance_retire_query_rollups(p_now timestamptz default now())
returns jsonb
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Rollup retention: deletes the rows of each level whose bucket lies wholly before p_now minus
-- the level's retention (maintenance_settings.query_rollup_5m_retention 90 days, _1h 13 months,
-- _1d null = kept). Called by zenglow.refresh_query_rollups after the refresh (so by
-- run_maintenance's rollup step); safe to call alone, e.g. after lowering a retention (waits for
-- a maintenance run in progress). Returns the rows deleted per level: {"5m": n, "1h": n, "1d": n}.
declare
    v_settings zenglow.maintenance_settings;
    v_level record;
    v_deleted bigint;
    v_result jsonb := '{}';
begin
    perform pg_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0));
    select * into v_settings from zenglow.maintenance_settings;
    perform zenglow.maintenance_mode(true);
    for v_level in
        select * from (values
            ('5m', 'query_rollup_5m', interval '5 minutes', v_settings.query_rollup_5m_retention),
            ('1h', 'query_rollup_1h', interval '1 hour', v_settings.query_rollup_1h_retention),
            ('1d', 'query_rollup_1d', interval '1 day', v_settings.query_rollup_1d_retention)) l (level, target, width, retention)
    loop
        v_deleted := 0;
        if v_level.retention is not null then
            execute format('delete from zenglow.%I where bucket <= $1', v_level.target)
                using p_now - v_level.retention - v_level.width;
            get diagnostics v_deleted = row_count;
        end if;
        v_result := v_result || jsonb_build_object(v_level.level, v_deleted);
    end loop;
    perform zenglow.maintenance_mode(false);
    return v_result;
end
$$;

revoke all on function zenglow.maintenance_retire_query_rollups(timestamptz) from public;

comment on function zenglow.maintenance_retire_query_rollups(timestamptz) is
    'Rollup retention: deletes query_rollup_5m/_1h/_1d rows wholly older than their level''s retention (null keeps '
    'them); returns {"5m": n, "1h": n, "1d": n}.';
