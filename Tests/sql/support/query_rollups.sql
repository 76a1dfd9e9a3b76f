-- The query rollups: zenglow.refresh_query_rollups, rollup retention, the real-time views and
-- what zenglow_analyst may do with them. Known synthetic records give known counts per level and
-- error class; percentiles from the rollups are within the bucket width of percentile_disc on the
-- raw rows; a second refresh changes nothing; a late row inside the late window is counted, one
-- outside is not; the real-time views add the rows past the watermark, counting none twice;
-- retention deletes only what is past it; run_maintenance records the step. Shared by
-- query_rollups.sql and fallback/query_rollups.sql; 36 tests, inside the including file's
-- transaction (run as a superuser, who writes raw rows past row-level security).
\o /dev/null
select setseed(0.61);
-- Start from nothing rolled up, whatever earlier tests committed.
delete from zenglow.query_rollup_5m;
delete from zenglow.query_rollup_1h;
delete from zenglow.query_rollup_1d;
update zenglow.query_rollup_watermarks set watermark = null, refreshed_at = null, duration_ms = null, buckets_written = 0;
update zenglow.maintenance_settings set query_rollup_late_window = interval '15 minutes',
    query_rollup_5m_retention = interval '90 days', query_rollup_1h_retention = interval '13 months', query_rollup_1d_retention = null;
insert into zenglow.tenants (tenant_id) values ('rollup-a'), ('rollup-b');
-- Nothing to roll up yet (the raw rows other tests committed, if any, are set aside).
create temporary table empty_refresh as
with gone as (delete from zenglow.query_performance returning *)
select (select count(*) from gone) as set_aside, zenglow.refresh_query_rollups() as r;

-- Day D (UTC) and D + 1, both complete at p_now = D + 2 days + 2 minutes.
create temporary table clock as
select date_bin(interval '1 day', now() - interval '3 days', timestamptz '2000-01-01 00:00:00+00') as d,
    date_bin(interval '1 day', now() - interval '3 days', timestamptz '2000-01-01 00:00:00+00') + interval '2 days 2 minutes' as p_now;

-- rollup-a, fusion, m1, 10:00-10:05 of day D: one of each outcome.
insert into zenglow.query_performance (ts, tenant_id, endpoint, status, error_code, degraded_reason, mode, model, cache_hit,
    result_count, total_ms, embed_ms, retrieve_ms, result_sources, top_documents)
select d + interval '10 hours' + i * interval '20 seconds', 'rollup-a', '/rag/query', s.status, s.error_code,
    case when i <= 2 then 'embedder_unavailable' end, 'fusion', 'm1', i between 3 and 5, 5,
    10 * i, 2.5, 4, '{"pubmed": 2, "wiki": 3}', case when i <= 5 then array['doc-1', 'doc-2'] else array['doc-1'] end
from clock, (values (1, 200, null), (2, 200, null), (3, 200, null), (4, 200, null), (5, 200, null), (6, 429, 'rate_limited'),
    (7, 503, 'overloaded'), (8, 503, 'embedder_unavailable'), (9, 500, 'internal'), (10, 404, 'not_found')) s (i, status, error_code);
-- rollup-a, fusion, m1, 11:30: six more answers; rollup-b with neither mode nor model, 10:07.
insert into zenglow.query_performance (ts, tenant_id, endpoint, status, mode, model, result_count, total_ms, result_sources, top_documents)
select d + interval '11 hours 30 minutes' + i * interval '1 second', 'rollup-a', '/rag/query', 200, 'fusion', 'm1', 1, 7,
    '{"wiki": 1}', array['doc-3']
from clock, generate_series(1, 6) i;
insert into zenglow.query_performance (ts, tenant_id, endpoint, status, total_ms)
select d + interval '10 hours 7 minutes', 'rollup-b', '/rag/query', 200, 3 from clock, generate_series(1, 4);
-- rollup-b, bm25, m2: 2,000 times spread over both days, log-uniform 0.05 ms .. 5 s, half with an embedding time.
insert into zenglow.query_performance (ts, tenant_id, endpoint, status, mode, model, total_ms, embed_ms)
select d + i * interval '86 seconds', 'rollup-b', '/rag/query', 200, 'bm25', 'm2',
    0.05 * power(10.0::double precision, 5 * random()), case when i % 2 = 0 then 0.05 * power(10.0::double precision, 3 * random()) end
from clock, generate_series(0, 1999) i;

create temporary table refreshes as select 1 as n, zenglow.refresh_query_rollups((select p_now from clock)) as r;
-- Every rollup row, to compare after the second refresh.
create function pg_temp.rollups() returns jsonb language sql as $$
    select jsonb_build_object(
        '5m', (select jsonb_agg(to_jsonb(r) order by r.tenant_id, r.bucket, r.endpoint, r.mode, r.model) from zenglow.query_rollup_5m r),
        '1h', (select jsonb_agg(to_jsonb(r) order by r.tenant_id, r.bucket, r.endpoint, r.mode, r.model) from zenglow.query_rollup_1h r),
        '1d', (select jsonb_agg(to_jsonb(r) order by r.tenant_id, r.bucket, r.endpoint, r.mode, r.model) from zenglow.query_rollup_1d r),
        'watermarks', (select jsonb_agg(jsonb_build_array(level, watermark) order by level) from zenglow.query_rollup_watermarks))
$$;
create temporary table snapshots as select 1 as n, pg_temp.rollups() as rows;
-- As the analyst: how a statement is refused ('no error' when it is not).
create function pg_temp.analyst_refusal(p_sql text) returns text language plpgsql as $$
begin
    set local role zenglow_analyst;
    begin
        execute p_sql;
    exception when others then
        reset role;
        return sqlstate;
    end;
    reset role;
    return 'no error';
end
$$;
\o

-- The refresh.
select is((select r -> '5m' ->> 'watermark' from empty_refresh), null,
    'with no raw row at all the 5m watermark stays unset (a backfill is then rolled up whole)');
select is((select r from refreshes where n = 1) - 'retired',
    (select jsonb_build_object(
        '5m', jsonb_build_object('watermark', to_jsonb(date_bin(interval '5 minutes', p_now, timestamptz '2000-01-01 00:00:00+00')), 'buckets', (select count(*) from zenglow.query_rollup_5m)),
        '1h', jsonb_build_object('watermark', to_jsonb(d + interval '2 days'), 'buckets', (select count(*) from zenglow.query_rollup_1h)),
        '1d', jsonb_build_object('watermark', to_jsonb(d + interval '2 days'), 'buckets', (select count(*) from zenglow.query_rollup_1d)))
     from clock),
    'refresh_query_rollups returns each level''s watermark (the last complete bucket before p_now) and the rows written');
select is((select watermark from zenglow_stats.rollup_watermarks where level = '5m'), (select d + interval '2 days' from clock),
    'rollup_watermarks shows the 5m watermark');
select is((select count(*) from zenglow.query_rollup_5m, clock where bucket >= d + interval '2 days'), 0::bigint,
    'nothing at or past p_now''s bucket is stored');

select results_eq(
    $$select requests, errors_client, errors_throttled, errors_server, degraded, cache_hits, results, total_ms_sum, embed_ms_sum,
        features_ms_sum, result_sources
      from zenglow.query_rollup_5m, clock where tenant_id = 'rollup-a' and bucket = d + interval '10 hours'$$,
    $$values (10::bigint, 1::bigint, 2::bigint, 2::bigint, 2::bigint, 3::bigint, 50::bigint, 150::double precision,
        12.5::double precision, null::double precision, '{"pubmed": 20, "wiki": 30}'::jsonb)$$,
    '5m: requests, client / throttled (429, 503 overloaded) / server errors, degraded, cache hits, results, sources of every '
    'outcome; stage sums of the five answers only (status < 400)');
select results_eq(
    $$select mode, model, requests, embed_hist, zenglow_stats.histogram_count(total_hist)
      from zenglow.query_rollup_5m, clock where tenant_id = 'rollup-b' and bucket = d + interval '10 hours 5 minutes' and mode = ''$$,
    $$values ('', '', 4::bigint, null::bigint[], 4::bigint)$$,
    '5m: a null mode and model are '''', a stage nobody timed has a null histogram');
select results_eq(
    $$select bucket - d, requests, errors_server from zenglow.query_rollup_1h, clock where tenant_id = 'rollup-a' order by bucket$$,
    $$values (interval '10 hours', 10::bigint, 2::bigint), (interval '11 hours', 6::bigint, 0::bigint)$$,
    '1h: the 5-minute rows merged per hour');
select results_eq(
    $$select bucket - d, requests, errors_client, errors_throttled, errors_server, total_ms_sum, result_sources, top_documents
      from zenglow.query_rollup_1d, clock where tenant_id = 'rollup-a'$$,
    $$values (interval '0', 16::bigint, 1::bigint, 2::bigint, 2::bigint, 192::double precision,
        '{"pubmed": 20, "wiki": 36}'::jsonb, '{"doc-1": 10, "doc-2": 5, "doc-3": 6}'::jsonb)$$,
    '1d: merged per UTC day, with the day''s top documents counted');
select is((select sum(requests) from zenglow.query_rollup_1d where tenant_id = 'rollup-b' and mode = 'bm25'), 2000::numeric,
    '1d: every row of two days counted once');
select is(
    (select zenglow_stats.histogram_merge(total_hist) from zenglow.query_rollup_5m where tenant_id = 'rollup-b' and mode = 'bm25'),
    (select zenglow_stats.histogram_merge(total_hist) from zenglow.query_rollup_1d where tenant_id = 'rollup-b' and mode = 'bm25'),
    'histograms merge across levels: the 5-minute ones add up to the daily ones');

-- Percentiles from the rollups against the exact ones from the raw rows.
\o /dev/null
create temporary table accuracy as
select l.stage, l.q, l.estimate, e.exact
from (
    select 'total' as stage, q, zenglow_stats.histogram_quantile(zenglow_stats.histogram_merge(total_hist), q) as estimate
    from zenglow.query_rollup_1h, unnest(array[0.5, 0.95, 0.99]) q where tenant_id = 'rollup-b' and mode = 'bm25' group by q
    union all
    select 'embed', q, zenglow_stats.histogram_quantile(zenglow_stats.histogram_merge(embed_hist), q)
    from zenglow.query_rollup_1h, unnest(array[0.5, 0.95, 0.99]) q where tenant_id = 'rollup-b' and mode = 'bm25' group by q
) l
join (
    select 'total' as stage, q, percentile_disc(q) within group (order by total_ms) as exact
    from zenglow.query_performance, unnest(array[0.5, 0.95, 0.99]) q where tenant_id = 'rollup-b' and mode = 'bm25' group by q
    union all
    select 'embed', q, percentile_disc(q) within group (order by embed_ms)
    from zenglow.query_performance, unnest(array[0.5, 0.95, 0.99]) q where tenant_id = 'rollup-b' and mode = 'bm25' group by q
) e using (stage, q);
\o
select is((select count(*) from accuracy where abs(estimate / exact - 1) <= power(2.0::double precision, 1 / 8.0) - 1), 6::bigint,
    'p50, p95 and p99 of total and embed time over two days of 1h rollups are within 9.05% of percentile_disc');
select is(
    (select count(*) from zenglow_stats.query_latency_1d l, clock
     where l.tenant_id = 'rollup-b' and l.mode = 'bm25' and l.stage = 'total' and l.bucket = d
       and abs(l.p95_ms / (select percentile_disc(0.95) within group (order by total_ms) from zenglow.query_performance
                            where tenant_id = 'rollup-b' and mode = 'bm25' and ts >= d and ts < d + interval '1 day') - 1)
           <= power(2.0::double precision, 1 / 8.0) - 1
       and l.requests = (select count(*) from zenglow.query_performance where tenant_id = 'rollup-b' and mode = 'bm25' and ts >= d and ts < d + interval '1 day')),
    1::bigint,
    'query_latency_1d: a day''s p95 within 9.05% of the exact one, and its request count');
select results_eq(
    $$select stage, requests, mean_ms from zenglow_stats.query_latency_5m, clock
      where tenant_id = 'rollup-a' and bucket = d + interval '10 hours' order by stage$$,
    $$values ('embed', 5::bigint, 2.5::double precision), ('retrieve', 5::bigint, 4::double precision), ('total', 5::bigint, 30::double precision)$$,
    'query_latency_5m: one row per stage that recorded values, with the count and exact mean of the answers (the five '
    'refusals and errors of that bucket, fast or slow, are not latency)');
select results_eq(
    $$select requests, server_errors, cache_hit_ratio, avg_embed_ms from zenglow_stats.query_performance_hourly, clock
      where tenant_id = 'rollup-a' and bucket = d + interval '10 hours'$$,
    $$values (10::bigint, 2::bigint, 0.3::numeric, 2.5::double precision)$$,
    'query_performance_hourly keeps its columns, now from the 1h rollups');
select results_eq(
    $$select requests, requests_per_second from zenglow_stats.model_stats, clock where model = 'm1' and bucket = d + interval '11 hours'$$,
    $$values (6::bigint, 6 / 3600.0::double precision)$$,
    'model_stats: requests and throughput per hour and model');

-- A second refresh with the same p_now writes the same rows.
\o /dev/null
insert into refreshes select 2, zenglow.refresh_query_rollups((select p_now from clock));
insert into snapshots select 2, pg_temp.rollups();
\o
select is((select rows from snapshots where n = 2), (select rows from snapshots where n = 1),
    'refreshing twice with the same p_now changes no row of any level');

-- Late rows: one 10 minutes behind the 5m watermark (inside the 15-minute late window), one 20
-- minutes behind (outside it: never counted).
\o /dev/null
insert into zenglow.query_performance (ts, tenant_id, endpoint, status, mode, model, total_ms)
select d + interval '2 days' - interval '10 minutes', 'rollup-a', '/rag/query', 200, 'late', 'm1', 1 from clock
union all
select d + interval '2 days' - interval '20 minutes', 'rollup-a', '/rag/query', 200, 'too-late', 'm1', 1 from clock;
insert into refreshes select 3, zenglow.refresh_query_rollups((select p_now from clock));
\o
select results_eq(
    $$select (select coalesce(sum(requests), 0) from zenglow.query_rollup_5m where mode = 'late'),
             (select coalesce(sum(requests), 0) from zenglow.query_rollup_1h where mode = 'late'),
             (select coalesce(sum(requests), 0) from zenglow.query_rollup_1d where mode = 'late')$$,
    $$values (1::numeric, 1::numeric, 1::numeric)$$,
    'a row recorded late inside the late window is counted at every level by the next refresh');
select results_eq(
    $$select (select count(*) from zenglow.query_rollup_5m where mode = 'too-late'),
             (select count(*) from zenglow.query_rollup_1d where mode = 'too-late'),
             (select count(*) from zenglow_stats.query_stats_5m where mode = 'too-late')$$,
    $$values (0::bigint, 0::bigint, 0::bigint)$$,
    'one recorded later than the late window is not (documented)');

-- Real time: rows at and just past the 5m watermark.
\o /dev/null
insert into zenglow.query_performance (ts, tenant_id, endpoint, status, mode, model, total_ms)
select d + interval '2 days' + s, 'rollup-a', '/rag/query', 200, 'fusion', 'm1', 5 from clock, unnest(array[interval '0', interval '30 seconds']) s;
\o
select results_eq(
    $$select bucket - d, requests, realtime from zenglow_stats.query_stats_5m, clock
      where tenant_id = 'rollup-a' and bucket >= d + interval '2 days' - interval '10 minutes' order by bucket$$,
    $$values (interval '1 day 23 hours 50 minutes', 1::bigint, false), (interval '2 days', 2::bigint, true)$$,
    'query_stats_5m: stored rows before the watermark, the raw rows past it (realtime), the one at the watermark once');
select results_eq(
    $$select realtime, requests from zenglow_stats.query_stats_1h, clock where tenant_id = 'rollup-a' and bucket = d + interval '2 days'$$,
    $$values (true, 2::bigint)$$,
    'query_stats_1h adds them as a real-time hour');
select results_eq(
    $$select realtime, sum(requests) from zenglow_stats.query_stats_1d, clock where tenant_id = 'rollup-a' and bucket >= d group by 1 order by 1$$,
    $$values (false, 17::numeric), (true, 2::numeric)$$,
    'query_stats_1d: stored days and the real-time one');
select results_eq(
    $$select (select sum(requests) from zenglow_stats.query_stats_5m where tenant_id like 'rollup-%'),
             (select sum(requests) from zenglow_stats.query_stats_1h where tenant_id like 'rollup-%'),
             (select sum(requests) from zenglow_stats.query_stats_1d where tenant_id like 'rollup-%')$$,
    $$select count(*)::numeric - 1, count(*)::numeric - 1, count(*)::numeric - 1 from zenglow.query_performance where tenant_id like 'rollup-%'$$,
    'every level counts every raw row exactly once, but the one recorded too late');
select is((select top_documents from zenglow_stats.query_stats_1d, clock where tenant_id = 'rollup-a' and bucket = d),
    '{"doc-1": 10, "doc-2": 5, "doc-3": 6}'::jsonb, 'query_stats_1d shows the stored top documents');

-- Retention per level.
\o /dev/null
-- The shortest 5m retention allowed: the late window (15 minutes) and a day.
update zenglow.maintenance_settings set query_rollup_5m_retention = interval '1 day 15 minutes';
create temporary table expected as
select (select count(*) from zenglow.query_rollup_5m, clock where bucket + interval '5 minutes' <= p_now - interval '1 day 15 minutes') as gone_5m,
    (select count(*) from zenglow.query_rollup_5m, clock where bucket + interval '5 minutes' > p_now - interval '1 day 15 minutes') as kept_5m,
    (select count(*) from zenglow.query_rollup_1h) as all_1h,
    (select count(*) from zenglow.query_rollup_1h, clock
     where bucket + interval '1 hour' > p_now + interval '1 day' - interval '2 days 15 minutes') as kept_1h,
    (select count(*) from zenglow.query_rollup_1d) as all_1d;
insert into refreshes select 4, zenglow.maintenance_retire_query_rollups((select p_now from clock));
\o
select is((select r from refreshes where n = 4), (select jsonb_build_object('5m', gone_5m, '1h', 0, '1d', 0) from expected),
    'maintenance_retire_query_rollups returns the rows deleted per level');
select results_eq(
    $$select (select count(*) from zenglow.query_rollup_5m), (select count(*) from zenglow.query_rollup_1h), (select count(*) from zenglow.query_rollup_1d)$$,
    $$select kept_5m, all_1h, all_1d from expected$$,
    '5m retention deletes the 5-minute rows wholly past it and nothing else');
\o /dev/null
-- The shortest 1h retention allowed (the late window and two days), a day later than the rows.
update zenglow.maintenance_settings set query_rollup_1h_retention = interval '2 days 15 minutes', query_rollup_1d_retention = null;
insert into refreshes select 5, zenglow.maintenance_retire_query_rollups((select p_now + interval '1 day' from clock));
\o
select results_eq(
    $$select (select count(*) from zenglow.query_rollup_1h), (select count(*) from zenglow.query_rollup_1d)$$,
    $$select kept_1h, all_1d from expected$$,
    '1h retention likewise; daily rows are kept when their retention is null');
select is((select sum(requests) from zenglow.query_rollup_1d where tenant_id = 'rollup-a'), 17::numeric,
    'a refresh after retention below does not erase the days above');
select throws_ok($$update zenglow.maintenance_settings set query_rollup_5m_retention = interval '30 minutes'$$, '23514',
    'new row for relation "maintenance_settings" violates check constraint "maintenance_settings_rollup_5m_retention_floor"',
    'a 5m retention shorter than the late window and a day is refused: the hourly level would lose rows not rolled up yet');
select throws_ok($$update zenglow.maintenance_settings set query_rollup_1d_retention = interval '-1 day'$$, '23514',
    'new row for relation "maintenance_settings" violates check constraint "maintenance_settings_rollup_1d_retention_floor"',
    'a negative retention is refused (it deleted every row)');

-- What the analyst may do.
select is(
    (select string_agg(v, ', ' order by v) from unnest(array['query_stats_5m', 'query_stats_1h', 'query_stats_1d',
        'query_latency_5m', 'query_latency_1h', 'query_latency_1d', 'model_stats', 'rollup_watermarks', 'latency_buckets',
        'query_performance', 'query_performance_hourly']) v
     where pg_temp.analyst_refusal(format('select * from zenglow_stats.%I limit 1', v)) <> 'no error'),
    null,
    'zenglow_analyst can select every rollup view');
select is(pg_temp.analyst_refusal($$select zenglow_stats.histogram_quantile(zenglow_stats.histogram_merge(total_hist), 0.5),
        zenglow_stats.histogram_count(total_hist), zenglow_stats.latency_bucket(1), zenglow_stats.jsonb_count_merge(result_sources)
    from zenglow_stats.query_stats_1h group by total_hist$$), 'no error',
    'zenglow_analyst can use the histogram functions');
select ok(not has_column_privilege('zenglow_analyst', 'zenglow.query_performance', 'query_text', 'select')
        and has_column_privilege('zenglow_analyst', 'zenglow.query_performance', 'top_documents', 'select')
        and not has_table_privilege('zenglow_analyst', 'zenglow.query_performance', 'select'),
    'zenglow_analyst may read every query_performance column but query_text');
select is(pg_temp.analyst_refusal('select count(*) from zenglow.chunks'), '42501', 'zenglow_analyst cannot select chunks');
select is(
    (select count(*) from unnest(array['zenglow.query_rollup_5m', 'zenglow.query_rollup_1h', 'zenglow.query_rollup_1d',
            'zenglow.query_rollup_watermarks']) t,
        unnest(array['zenglow_analyst', 'zenglow_app', 'zenglow_ingest']) r,
        unnest(array['insert', 'update', 'delete', 'truncate']) p
     where has_table_privilege(r, t, p))
    + (select count(*) from unnest(array['zenglow_app', 'zenglow_ingest']) r,
        unnest(array['zenglow.query_rollup_5m', 'zenglow.query_rollup_1h', 'zenglow.query_rollup_1d', 'zenglow.query_rollup_watermarks']) t
       where has_table_privilege(r, t, 'select')),
    0::bigint,
    'nobody but the owner writes the rollups; the API and loader roles cannot read them');
select is(
    (select count(*) from pg_class where oid in ('zenglow.query_rollup_5m'::regclass, 'zenglow.query_rollup_1h'::regclass,
        'zenglow.query_rollup_1d'::regclass) and relrowsecurity and relforcerowsecurity),
    3::bigint,
    'row-level security is enabled and forced on the rollup tables');
select is(
    (select count(*) from unnest(array['zenglow.refresh_query_rollups(timestamptz)', 'zenglow.maintenance_retire_query_rollups(timestamptz)']) f,
        unnest(array['public', 'zenglow_analyst', 'zenglow_app', 'zenglow_ingest']) r
     where has_function_privilege(r, f::regprocedure, 'execute')),
    0::bigint,
    'only the owner refreshes and retires rollups');

-- run_maintenance's step 4.
\o /dev/null
insert into refreshes select 6, zenglow.run_maintenance();
\o
select results_eq(
    $$select r ->> 'error', (r -> 'rollups') ?& array['5m', '1h', '1d', 'retired'],
        (select rollups from zenglow.maintenance_runs where run_id = (r ->> 'run_id')::bigint) = r -> 'rollups'
      from refreshes where n = 6$$,
    $$values (null::text, true, true)$$,
    'run_maintenance refreshes the rollups and records what the refresh returned in maintenance_runs.rollups');
\o /dev/null
create or replace function zenglow.query_rollup_5m_from_raw(p_from timestamptz, p_to timestamptz)
returns setof zenglow.query_rollup_5m language plpgsql as $$
begin
    raise exception 'boom';
end
$$;
insert into refreshes select 7, zenglow.run_maintenance();
\o
select results_eq(
    $$select r ->> 'outcome', r ->> 'error', r -> 'rollups', current_setting('zenglow.maintenance', true) from refreshes where n = 7$$,
    $$values ('partial', 'rollups: boom', 'null'::jsonb, '')$$,
    'a failing refresh is recorded as partial with ''rollups: <message>'', and maintenance mode ends off');
