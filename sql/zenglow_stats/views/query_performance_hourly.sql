set local role zenglow_owner;

create or replace view zenglow_stats.query_performance_hourly
with (security_invoker = true)
as
-- The first analysts' view, kept with its columns and meaning but no longer recomputed from raw
-- rows on every read (nor limited to their 30 days): it merges the 1h real-time rollups
-- (zenglow.query_rollup_1h_realtime, the rows of query_stats_1h, which sorts after this file)
-- over modes and models. Percentiles now come from the latency histograms (within 9.05%).
select s.bucket, s.tenant_id, s.endpoint,
    sum(s.requests)::bigint as requests,
    sum(s.errors_server)::bigint as server_errors,
    sum(s.cache_hits)::numeric / nullif(sum(s.requests), 0) as cache_hit_ratio,
    zenglow_stats.histogram_quantile(zenglow_stats.histogram_merge(s.total_hist), 0.5) as p50_ms,
    zenglow_stats.histogram_quantile(zenglow_stats.histogram_merge(s.total_hist), 0.95) as p95_ms,
    zenglow_stats.histogram_quantile(zenglow_stats.histogram_merge(s.total_hist), 0.99) as p99_ms,
    sum(s.embed_ms_sum) / nullif(zenglow_stats.histogram_count(zenglow_stats.histogram_merge(s.embed_hist)), 0) as avg_embed_ms,
    sum(s.retrieve_ms_sum) / nullif(zenglow_stats.histogram_count(zenglow_stats.histogram_merge(s.retrieve_hist)), 0) as avg_retrieve_ms,
    sum(s.features_ms_sum) / nullif(zenglow_stats.histogram_count(zenglow_stats.histogram_merge(s.features_hist)), 0) as avg_features_ms,
    sum(s.ltr_ms_sum) / nullif(zenglow_stats.histogram_count(zenglow_stats.histogram_merge(s.ltr_hist)), 0) as avg_ltr_ms,
    sum(s.fusion_ms_sum) / nullif(zenglow_stats.histogram_count(zenglow_stats.histogram_merge(s.fusion_hist)), 0) as avg_fusion_ms
from zenglow.query_rollup_1h_realtime() s
group by 1, 2, 3;

comment on view zenglow_stats.query_performance_hourly is
    'Per hour (UTC), tenant and endpoint: requests, server errors (5xx other than overload refusals, which '
    'query_stats_1h counts as throttled), cache-hit ratio, total latency p50/p95/p99 (from the merged latency '
    'histograms: within 9.05% of the exact value) and mean stage times (ms). Built on the 1h rollups.';
comment on column zenglow_stats.query_performance_hourly.bucket is 'Start of the hour (UTC).';
comment on column zenglow_stats.query_performance_hourly.tenant_id is 'The tenant.';
comment on column zenglow_stats.query_performance_hourly.endpoint is 'The API endpoint.';
comment on column zenglow_stats.query_performance_hourly.requests is 'Requests recorded, every outcome.';
comment on column zenglow_stats.query_performance_hourly.server_errors is 'Requests answered 5xx, overload refusals (503 overloaded) left out.';
comment on column zenglow_stats.query_performance_hourly.cache_hit_ratio is 'Share of requests answered from the response cache (0..1).';
comment on column zenglow_stats.query_performance_hourly.p50_ms is 'Median total latency of the answers (status < 400), ms, from the merged histogram: within 9.05%.';
comment on column zenglow_stats.query_performance_hourly.p95_ms is '95th percentile of the answers'' total latency (ms), within 9.05%.';
comment on column zenglow_stats.query_performance_hourly.p99_ms is '99th percentile of the answers'' total latency (ms), within 9.05%.';
comment on column zenglow_stats.query_performance_hourly.avg_embed_ms is 'Mean embed milliseconds of the requests that embedded.';
comment on column zenglow_stats.query_performance_hourly.avg_retrieve_ms is 'Mean rag_query milliseconds.';
comment on column zenglow_stats.query_performance_hourly.avg_features_ms is 'Mean feature milliseconds of the answers that ran rag_query (cache hits have none).';
comment on column zenglow_stats.query_performance_hourly.avg_ltr_ms is 'Mean LTR milliseconds of the answers that ran rag_query (cache hits have none).';
comment on column zenglow_stats.query_performance_hourly.avg_fusion_ms is 'Mean fusion milliseconds of the answers that ran rag_query (cache hits have none).';
