set local role zenglow_owner;

create or replace view zenglow_stats.query_performance_hourly
with (security_invoker = true)
as
-- date_bin, not time_bucket: the same view on servers with and without TimescaleDB.
select
    date_bin(interval '1 hour', ts, timestamptz '2000-01-01 00:00:00+00') as bucket,
    tenant_id,
    endpoint,
    count(*) as requests,
    count(*) filter (where status >= 500) as server_errors,
    avg(case when cache_hit then 1.0 else 0.0 end) as cache_hit_ratio,
    percentile_cont(0.5) within group (order by total_ms) as p50_ms,
    percentile_cont(0.95) within group (order by total_ms) as p95_ms,
    percentile_cont(0.99) within group (order by total_ms) as p99_ms,
    avg(embed_ms) as avg_embed_ms,
    avg(retrieve_ms) as avg_retrieve_ms,
    avg(features_ms) as avg_features_ms,
    avg(ltr_ms) as avg_ltr_ms,
    avg(fusion_ms) as avg_fusion_ms
from zenglow.query_performance
group by 1, 2, 3;

comment on view zenglow_stats.query_performance_hourly is
    'Per hour (UTC), tenant and endpoint: requests, 5xx count, cache-hit ratio, total latency p50/p95/p99 and mean stage times (ms).';
