set local role zenglow_owner;

create or replace view zenglow_stats.query_stats_5m
with (security_invoker = true)
as
-- Real-time, as TimescaleDB's real-time aggregates are: the stored 5-minute rollups before the 5m
-- watermark, and past it the same aggregates computed from the raw rows by
-- zenglow.query_rollup_5m_from_raw (the refresh's own definition), realtime = true. The
-- watermark is a bucket bound and the raw part starts exactly there, so no row is counted
-- twice; the raw part reads only the rows past it (the ts index, chunk exclusion or partition
-- pruning at run time).
select r.bucket, r.tenant_id, r.endpoint, r.mode, r.model, r.requests, r.errors_client,
    r.errors_throttled, r.errors_server, r.degraded, r.cache_hits, r.results, r.total_ms_sum,
    r.embed_ms_sum, r.retrieve_ms_sum, r.features_ms_sum, r.ltr_ms_sum, r.fusion_ms_sum, r.total_hist,
    r.embed_hist, r.retrieve_hist, r.features_hist, r.ltr_hist, r.fusion_hist, r.result_sources, false as realtime
from zenglow.query_rollup_5m r
where r.bucket < (select w.watermark from zenglow.query_rollup_watermarks w where w.level = '5m')
union all
select x.bucket, x.tenant_id, x.endpoint, x.mode, x.model, x.requests, x.errors_client,
    x.errors_throttled, x.errors_server, x.degraded, x.cache_hits, x.results, x.total_ms_sum,
    x.embed_ms_sum, x.retrieve_ms_sum, x.features_ms_sum, x.ltr_ms_sum, x.fusion_ms_sum, x.total_hist,
    x.embed_hist, x.retrieve_hist, x.features_hist, x.ltr_hist, x.fusion_hist, x.result_sources, true
from zenglow.query_rollup_5m_from_raw(
    coalesce((select w.watermark from zenglow.query_rollup_watermarks w where w.level = '5m'), '-infinity'),
    'infinity') x;

comment on view zenglow_stats.query_stats_5m is
    'Requests per 5 minutes (UTC), tenant, endpoint, mode and model: counts, errors by class, degraded answers, cache '
    'hits, stage times and mergeable latency histograms. Real-time: the stored rollup (zenglow.query_rollup_5m) '
    'before its watermark (zenglow_stats.rollup_watermarks), the raw query_performance rows aggregated past it.';
comment on column zenglow_stats.query_stats_5m.bucket is 'Start of the bucket (UTC).';
comment on column zenglow_stats.query_stats_5m.tenant_id is 'The tenant.';
comment on column zenglow_stats.query_stats_5m.endpoint is 'The API endpoint (/rag/query, …).';
comment on column zenglow_stats.query_stats_5m.mode is 'The retrieval mode (fusion, rrf, bm25, vector); '''' when none was recorded.';
comment on column zenglow_stats.query_stats_5m.model is 'The embedding model; '''' when none was recorded.';
comment on column zenglow_stats.query_stats_5m.requests is 'Requests recorded, every outcome.';
comment on column zenglow_stats.query_stats_5m.errors_client is '4xx answers other than 429.';
comment on column zenglow_stats.query_stats_5m.errors_throttled is 'Refused under load: 429, or 503 with error_code overloaded.';
comment on column zenglow_stats.query_stats_5m.errors_server is 'Other 5xx answers.';
comment on column zenglow_stats.query_stats_5m.degraded is 'Answers with a degraded_reason (e.g. embedder_unavailable).';
comment on column zenglow_stats.query_stats_5m.cache_hits is 'Answers served from the response cache.';
comment on column zenglow_stats.query_stats_5m.results is 'Results returned, summed.';
comment on column zenglow_stats.query_stats_5m.total_ms_sum is 'Total time of the answers (status < 400) summed (ms); divide by histogram_count(total_hist) for their mean.';
comment on column zenglow_stats.query_stats_5m.embed_ms_sum is 'Embedding time of the answers (status < 400) summed (ms); null when no answer timed it.';
comment on column zenglow_stats.query_stats_5m.retrieve_ms_sum is 'Retrieval time of the answers (status < 400) summed (ms); null when no answer timed it.';
comment on column zenglow_stats.query_stats_5m.features_ms_sum is 'Feature time of the answers (status < 400) summed (ms); null when no answer timed it.';
comment on column zenglow_stats.query_stats_5m.ltr_ms_sum is 'Learning-to-rank time of the answers (status < 400) summed (ms); null when no answer timed it.';
comment on column zenglow_stats.query_stats_5m.fusion_ms_sum is 'Fusion time of the answers (status < 400) summed (ms); null when no answer timed it.';
comment on column zenglow_stats.query_stats_5m.total_hist is 'Histogram of the answers'' (status < 400) total time (zenglow_stats.latency_buckets; merge with histogram_merge, read with histogram_quantile).';
comment on column zenglow_stats.query_stats_5m.embed_hist is 'Histogram of the answers'' embedding time; null when no answer timed it.';
comment on column zenglow_stats.query_stats_5m.retrieve_hist is 'Histogram of the answers'' retrieval time; null when no answer timed it.';
comment on column zenglow_stats.query_stats_5m.features_hist is 'Histogram of the answers'' feature time; null when no answer timed it.';
comment on column zenglow_stats.query_stats_5m.ltr_hist is 'Histogram of the answers'' learning-to-rank time; null when no answer timed it.';
comment on column zenglow_stats.query_stats_5m.fusion_hist is 'Histogram of the answers'' fusion time; null when no answer timed it.';
comment on column zenglow_stats.query_stats_5m.result_sources is 'The sources of the returned results, counted ({"pubmed": 7}); merge with jsonb_count_merge.';
comment on column zenglow_stats.query_stats_5m.realtime is 'True when computed from rows past the level''s watermark (not yet rolled up), false for a stored rollup row.';
