set local role zenglow_owner;

create or replace function zenglow.refresh_query_rollups(p_now timestamptz default now())
returns jsonb
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Brings the rollup tables up to date from their watermarks (TimescaleDB's Apache build has no
-- continuous aggregates, so this is their refresh, the same on every storage). Per level, only
-- complete buckets, never anything at or past p_now:
--   5m  from raw query_performance: [start, date_bin('5 min', p_now)), start = watermark minus
--       the late window (maintenance_settings.query_rollup_late_window, 15 min), or the first
--       raw row when there is no watermark yet;
--   1h  from query_rollup_5m: the hours up to floor_h(5m watermark), from the earliest hour the
--       5m level rewrote in this call (or the 1h watermark, when the 5m level wrote nothing);
--   1d  from query_rollup_1h likewise (UTC days), plus top_documents from the day's raw rows.
-- The upper levels re-roll exactly what the level below rewrote: that is where the late window
-- can have changed anything. Each level deletes the buckets of its range and inserts them anew
-- (idempotent: a second call with the same p_now writes the same rows). A row recorded later
-- than the late window behind the 5m watermark is never counted (its bucket is not re-rolled);
-- one inside it is counted by the next call. A range never starts before the rows its source
-- still holds (raw rows past query_performance_retention, 5m rows past their retention), so
-- retention below never erases a rollup above. Then retention of the rollups themselves
-- (zenglow.maintenance_retire_query_rollups). Serialised with run_maintenance by its advisory
-- lock; maintenance mode, because row-level security is forced on every table read or written.
-- Returns {"5m": {"watermark", "buckets"}, "1h": …, "1d": …, "retired": {"5m": n, "1h": n, "1d": n}}.
declare
    v_settings zenglow.maintenance_settings;
    v_origin constant timestamptz := timestamptz '2000-01-01 00:00:00+00';
    v_result jsonb := '{}';
    v_started timestamptz;
    v_watermark timestamptz;
    v_first timestamptz;
    v_floor timestamptz;
    v_start timestamptz;
    v_end timestamptz;
    v_changed timestamptz;
    v_written bigint;
    v_level record;
begin
    perform pg_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0));
    select * into v_settings from zenglow.maintenance_settings;
    perform zenglow.maintenance_mode(true);

    -- 5 minutes, from raw rows.
    v_started := clock_timestamp();
    v_written := 0;
    select watermark into v_watermark from zenglow.query_rollup_watermarks where level = '5m' for update;
    v_end := date_bin(interval '5 minutes', p_now, v_origin);
    if v_watermark is null then
        select date_bin(interval '5 minutes', min(ts), v_origin) into v_first from zenglow.query_performance;
        v_start := v_first;
    else
        v_start := date_bin(interval '5 minutes', v_watermark - v_settings.query_rollup_late_window, v_origin);
    end if;
    -- Raw rows older than their retention may be gone already: re-rolling there would erase them.
    -- (greatest ignores a null start: no raw row at all leaves the watermark unset.)
    v_floor := date_bin(interval '5 minutes', now() - v_settings.query_performance_retention, v_origin) + interval '5 minutes';
    v_start := case when v_start is not null then greatest(v_start, v_floor) end;
    if v_start < v_end then
        delete from zenglow.query_rollup_5m where bucket >= v_start and bucket < v_end;
        insert into zenglow.query_rollup_5m select * from zenglow.query_rollup_5m_from_raw(v_start, v_end);
        get diagnostics v_written = row_count;
        v_changed := v_start;
    end if;
    if v_watermark is not null or v_start is not null then
        v_watermark := greatest(v_watermark, v_end);
    end if;
    update zenglow.query_rollup_watermarks
    set watermark = v_watermark, refreshed_at = clock_timestamp(), buckets_written = v_written,
        duration_ms = extract(epoch from clock_timestamp() - v_started) * 1000
    where level = '5m';
    v_result := v_result || jsonb_build_object('5m', jsonb_build_object('watermark', v_watermark, 'buckets', v_written));

    -- 1 hour from 5 minutes, 1 day from 1 hour: the same merge (sums, histogram_merge, jsonb_count_merge).
    for v_level in
        select * from (values
            ('1h', 'query_rollup_1h', 'query_rollup_5m', interval '1 hour', '5m', v_settings.query_rollup_5m_retention, interval '5 minutes'),
            ('1d', 'query_rollup_1d', 'query_rollup_1h', interval '1 day', '1h', v_settings.query_rollup_1h_retention, interval '1 hour'))
            l (level, target, source, width, below, below_retention, below_width)
    loop
        v_started := clock_timestamp();
        v_written := 0;
        select watermark into v_watermark from zenglow.query_rollup_watermarks where level = v_level.level for update;
        v_end := date_bin(v_level.width, (select watermark from zenglow.query_rollup_watermarks where level = v_level.below), v_origin);
        if v_watermark is null then
            execute format('select min(bucket) from zenglow.%I', v_level.source) into v_first;
            v_start := date_bin(v_level.width, v_first, v_origin);
        else
            v_start := date_bin(v_level.width, least(coalesce(v_changed, v_watermark), v_watermark), v_origin);
        end if;
        if v_level.below_retention is not null then
            -- The first whole bucket of this level that the level below still holds entirely.
            v_floor := date_bin(v_level.width, now() - v_level.below_retention + v_level.below_width, v_origin);
            if v_floor < now() - v_level.below_retention + v_level.below_width then
                v_floor := v_floor + v_level.width;
            end if;
            v_start := case when v_start is not null then greatest(v_start, v_floor) end;
        end if;
        v_changed := null;
        if v_start < v_end then
            execute format('delete from zenglow.%I where bucket >= $1 and bucket < $2', v_level.target) using v_start, v_end;
            execute format($merge$
                insert into zenglow.%I (tenant_id, bucket, endpoint, mode, model, requests, errors_client, errors_throttled,
                    errors_server, degraded, cache_hits, results, total_ms_sum, embed_ms_sum, retrieve_ms_sum, features_ms_sum,
                    ltr_ms_sum, fusion_ms_sum, total_hist, embed_hist, retrieve_hist, features_hist, ltr_hist, fusion_hist,
                    result_sources)
                select tenant_id, date_bin($3, bucket, $4), endpoint, mode, model, sum(requests), sum(errors_client),
                    sum(errors_throttled), sum(errors_server), sum(degraded), sum(cache_hits), sum(results), sum(total_ms_sum),
                    sum(embed_ms_sum), sum(retrieve_ms_sum), sum(features_ms_sum), sum(ltr_ms_sum), sum(fusion_ms_sum),
                    coalesce(zenglow_stats.histogram_merge(total_hist), '{}'), zenglow_stats.histogram_merge(embed_hist),
                    zenglow_stats.histogram_merge(retrieve_hist), zenglow_stats.histogram_merge(features_hist),
                    zenglow_stats.histogram_merge(ltr_hist), zenglow_stats.histogram_merge(fusion_hist),
                    coalesce(zenglow_stats.jsonb_count_merge(result_sources), '{}')
                from zenglow.%I
                where bucket >= $1 and bucket < $2
                group by 1, 2, 3, 4, 5
                $merge$, v_level.target, v_level.source)
                using v_start, v_end, v_level.width, v_origin;
            get diagnostics v_written = row_count;
            v_changed := v_start;
            if v_level.level = '1d' then
                -- The day's 100 most frequent top-k documents, from its raw rows (ties by id, so
                -- that a re-roll writes the same object).
                update zenglow.query_rollup_1d d
                set top_documents = t.documents
                from (
                    select tenant_id, bucket, endpoint, mode, model, jsonb_object_agg(document, n) as documents
                    from (
                        select c.*, row_number() over (partition by tenant_id, bucket, endpoint, mode, model
                                                       order by n desc, document) as position
                        from (
                            select q.tenant_id, date_bin(interval '1 day', q.ts, v_origin) as bucket, q.endpoint,
                                coalesce(q.mode, '') as mode, coalesce(q.model, '') as model, doc.document, count(*) as n
                            from zenglow.query_performance q
                            cross join lateral unnest(q.top_documents) doc (document)
                            where q.ts >= v_start and q.ts < v_end and doc.document is not null
                            group by 1, 2, 3, 4, 5, 6
                        ) c
                    ) r
                    where position <= 100
                    group by 1, 2, 3, 4, 5
                ) t
                where d.tenant_id = t.tenant_id and d.bucket = t.bucket and d.endpoint = t.endpoint
                  and d.mode = t.mode and d.model = t.model;
            end if;
        end if;
        if v_end is not null then
            v_watermark := greatest(v_watermark, v_end);
        end if;
        update zenglow.query_rollup_watermarks
        set watermark = v_watermark, refreshed_at = clock_timestamp(), buckets_written = v_written,
            duration_ms = extract(epoch from clock_timestamp() - v_started) * 1000
        where level = v_level.level;
        v_result := v_result || jsonb_build_object(v_level.level, jsonb_build_object('watermark', v_watermark, 'buckets', v_written));
    end loop;

    v_result := v_result || jsonb_build_object('retired', zenglow.maintenance_retire_query_rollups(p_now));
    perform zenglow.maintenance_mode(false);
    return v_result;
end
$$;

revoke all on function zenglow.refresh_query_rollups(timestamptz) from public;

comment on function zenglow.refresh_query_rollups(timestamptz) is
    'Refreshes query_rollup_5m/_1h/_1d from their watermarks up to the last complete bucket before p_now, re-rolling '
    'the late window; then rollup retention. Idempotent. Returns {"5m": {"watermark", "buckets"}, "1h", "1d", "retired"}.';
