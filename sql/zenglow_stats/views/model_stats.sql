set local role zenglow_owner;

create or replace view zenglow_stats.model_stats
with (security_invoker = true)
as
-- Per hour and embedding model over every tenant, endpoint and mode, from the 1h real-time
-- rollups (zenglow.query_rollup_1h_realtime: query_stats_1h sorts after this file).
select h.bucket, h.model, h.requests,
    -- The hour still running is divided by the seconds it has had so far.
    h.requests / greatest(1, least(3600, extract(epoch from now() - h.bucket)))::double precision as requests_per_second,
    zenglow_stats.histogram_quantile(h.hist, 0.5) as p50_ms,
    zenglow_stats.histogram_quantile(h.hist, 0.95) as p95_ms,
    zenglow_stats.histogram_quantile(
        zenglow_stats.histogram_merge(h.hist) over (partition by h.model order by h.bucket
            range between interval '23 hours' preceding and current row), 0.95) as rolling_24h_p95_ms
from (
    select s.bucket, s.model, sum(s.requests)::bigint as requests, zenglow_stats.histogram_merge(s.total_hist) as hist
    from zenglow.query_rollup_1h_realtime() s
    group by 1, 2
) h;

comment on view zenglow_stats.model_stats is
    'Per hour (UTC) and embedding model, all tenants: requests, throughput, total latency p50/p95 and the p95 of the '
    '24 hours ending with that hour (from merged histograms, within 9.05%).';
comment on column zenglow_stats.model_stats.bucket is 'Start of the hour (UTC).';
comment on column zenglow_stats.model_stats.model is 'The embedding model; '''' when none was recorded.';
comment on column zenglow_stats.model_stats.requests is 'Requests in the hour.';
comment on column zenglow_stats.model_stats.requests_per_second is 'Requests per second over the hour (so far, for the hour still running).';
comment on column zenglow_stats.model_stats.p50_ms is 'Median total time of the answers (status < 400), ms, within 9.05%.';
comment on column zenglow_stats.model_stats.p95_ms is '95th percentile of the answers'' total time (ms), within 9.05%.';
comment on column zenglow_stats.model_stats.rolling_24h_p95_ms is '95th percentile of the answers'' total time over the 24 hours ending with this one (ms).';
