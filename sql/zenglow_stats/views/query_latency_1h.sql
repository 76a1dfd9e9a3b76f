set local role zenglow_owner;

create or replace view zenglow_stats.query_latency_1h
with (security_invoker = true)
as
-- query_stats_1h's histograms read as percentiles, one row per stage that recorded values.
-- Reads the real-time function itself: query_stats_1h sorts after this file.
select s.bucket, s.tenant_id, s.endpoint, s.mode, s.model, t.stage,
    zenglow_stats.histogram_count(t.hist) as requests,
    zenglow_stats.histogram_quantile(t.hist, 0.5) as p50_ms,
    zenglow_stats.histogram_quantile(t.hist, 0.95) as p95_ms,
    zenglow_stats.histogram_quantile(t.hist, 0.99) as p99_ms,
    t.ms_sum / nullif(zenglow_stats.histogram_count(t.hist), 0) as mean_ms
from zenglow.query_rollup_1h_realtime() s
cross join lateral (values
    ('total', s.total_hist, s.total_ms_sum), ('embed', s.embed_hist, s.embed_ms_sum),
    ('retrieve', s.retrieve_hist, s.retrieve_ms_sum), ('features', s.features_hist, s.features_ms_sum),
    ('ltr', s.ltr_hist, s.ltr_ms_sum), ('fusion', s.fusion_hist, s.fusion_ms_sum)) t (stage, hist, ms_sum)
where zenglow_stats.histogram_count(t.hist) > 0;

comment on view zenglow_stats.query_latency_1h is
    'Latency per hour (UTC), tenant, endpoint, mode, model and stage, from query_stats_1h''s histograms: '
    'percentiles within 9.05% of the exact value (the bucket width, 2^(1/4)); stages without values are omitted. '
    'For a longer range, merge query_stats_1h''s histograms (histogram_merge) before taking a percentile.';
comment on column zenglow_stats.query_latency_1h.bucket is 'Start of the bucket (UTC).';
comment on column zenglow_stats.query_latency_1h.tenant_id is 'The tenant.';
comment on column zenglow_stats.query_latency_1h.endpoint is 'The API endpoint.';
comment on column zenglow_stats.query_latency_1h.mode is 'The retrieval mode; '''' when none was recorded.';
comment on column zenglow_stats.query_latency_1h.model is 'The embedding model; '''' when none was recorded.';
comment on column zenglow_stats.query_latency_1h.stage is 'total, embed, retrieve, features, ltr or fusion.';
comment on column zenglow_stats.query_latency_1h.requests is 'Answers (status < 400) that timed this stage: latency leaves refusals and errors out.';
comment on column zenglow_stats.query_latency_1h.p50_ms is 'Median time of the stage (ms), within 9.05%.';
comment on column zenglow_stats.query_latency_1h.p95_ms is '95th percentile (ms), within 9.05%.';
comment on column zenglow_stats.query_latency_1h.p99_ms is '99th percentile (ms), within 9.05%.';
comment on column zenglow_stats.query_latency_1h.mean_ms is 'Mean time of the stage (ms), exact.';
