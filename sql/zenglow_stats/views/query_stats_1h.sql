set local role zenglow_owner;

create or replace view zenglow_stats.query_stats_1h
with (security_invoker = true)
as
-- Real-time: the stored 1h rollups before the 1h watermark, and past it query_stats_5m's
-- rows (stored up to their own watermark, computed after it) merged per hour, realtime = true.
-- Both watermarks are bucket bounds, so no row is counted twice. query_stats_5m is read through
-- zenglow.query_rollup_5m_realtime() because the migrator applies views in path order and
-- query_stats_5m sorts after this file; the planner inlines the function.
select r.bucket, r.tenant_id, r.endpoint, r.mode, r.model, r.requests, r.errors_client,
    r.errors_throttled, r.errors_server, r.degraded, r.cache_hits, r.results, r.total_ms_sum,
    r.embed_ms_sum, r.retrieve_ms_sum, r.features_ms_sum, r.ltr_ms_sum, r.fusion_ms_sum, r.total_hist,
    r.embed_hist, r.retrieve_hist, r.features_hist, r.ltr_hist, r.fusion_hist, r.result_sources, false as realtime
from zenglow.query_rollup_1h r
where r.bucket < (select w.watermark from zenglow.query_rollup_watermarks w where w.level = '1h')
union all
select m.*
from (
    select date_bin(interval '1 hour', s.bucket, timestamptz '2000-01-01 00:00:00+00') as bucket, s.tenant_id, s.endpoint,
        s.mode, s.model, sum(s.requests)::bigint, sum(s.errors_client)::bigint, sum(s.errors_throttled)::bigint,
        sum(s.errors_server)::bigint, sum(s.degraded)::bigint, sum(s.cache_hits)::bigint, sum(s.results)::bigint,
        sum(s.total_ms_sum), sum(s.embed_ms_sum), sum(s.retrieve_ms_sum), sum(s.features_ms_sum), sum(s.ltr_ms_sum),
        sum(s.fusion_ms_sum), coalesce(zenglow_stats.histogram_merge(s.total_hist), '{}'),
        zenglow_stats.histogram_merge(s.embed_hist), zenglow_stats.histogram_merge(s.retrieve_hist),
        zenglow_stats.histogram_merge(s.features_hist), zenglow_stats.histogram_merge(s.ltr_hist),
        zenglow_stats.histogram_merge(s.fusion_hist), coalesce(zenglow_stats.jsonb_count_merge(s.result_sources), '{}'),
        true as realtime
    from zenglow.query_rollup_5m_realtime() s
    where s.bucket >= coalesce((select w.watermark from zenglow.query_rollup_watermarks w where w.level = '1h'), '-infinity')
    group by 1, 2, 3, 4, 5
) m;

comment on view zenglow_stats.query_stats_1h is
    'Requests per hour (UTC), tenant, endpoint, mode and model: counts, errors by class, degraded answers, cache '
    'hits, stage times and mergeable latency histograms. Real-time: the stored rollup (zenglow.query_rollup_1h) '
    'before its watermark (zenglow_stats.rollup_watermarks), query_stats_5m aggregated past it.';
comment on column zenglow_stats.query_stats_1h.bucket is 'Start of the bucket (UTC).';
comment on column zenglow_stats.query_stats_1h.tenant_id is 'The tenant.';
comment on column zenglow_stats.query_stats_1h.endpoint is 'The API endpoint (/rag/query, …).';
comment on column zenglow_stats.query_stats_1h.mode is 'The retrieval mode (fusion, rrf, bm25, vector); '''' when none was recorded.';
comment on column zenglow_stats.query_stats_1h.model is 'The embedding model; '''' when none was recorded.';
comment on column zenglow_stats.query_stats_1h.requests is 'Requests recorded, every outcome.';
comment on column zenglow_stats.query_stats_1h.errors_client is '4xx answers other than 429.';
comment on column zenglow_stats.query_stats_1h.errors_throttled is 'Refused under load: 429, or 503 with error_code overloaded.';
comment on column zenglow_stats.query_stats_1h.errors_server is 'Other 5xx answers.';
comment on column zenglow_stats.query_stats_1h.degraded is 'Answers with a degraded_reason (e.g. embedder_unavailable).';
comment on column zenglow_stats.query_stats_1h.cache_hits is 'Answers served from the response cache.';
comment on column zenglow_stats.query_stats_1h.results is 'Results returned, summed.';
comment on column zenglow_stats.query_stats_1h.total_ms_sum is 'Total time of the answers (status < 400) summed (ms); divide by histogram_count(total_hist) for their mean.';
comment on column zenglow_stats.query_stats_1h.embed_ms_sum is 'Embedding time of the answers (status < 400) summed (ms); null when no answer timed it.';
comment on column zenglow_stats.query_stats_1h.retrieve_ms_sum is 'Retrieval time of the answers (status < 400) summed (ms); null when no answer timed it.';
comment on column zenglow_stats.query_stats_1h.features_ms_sum is 'Feature time of the answers (status < 400) summed (ms); null when no answer timed it.';
comment on column zenglow_stats.query_stats_1h.ltr_ms_sum is 'Learning-to-rank time of the answers (status < 400) summed (ms); null when no answer timed it.';
comment on column zenglow_stats.query_stats_1h.fusion_ms_sum is 'Fusion time of the answers (status < 400) summed (ms); null when no answer timed it.';
comment on column zenglow_stats.query_stats_1h.total_hist is 'Histogram of the answers'' (status < 400) total time (zenglow_stats.latency_buckets; merge with histogram_merge, read with histogram_quantile).';
comment on column zenglow_stats.query_stats_1h.embed_hist is 'Histogram of the answers'' embedding time; null when no answer timed it.';
comment on column zenglow_stats.query_stats_1h.retrieve_hist is 'Histogram of the answers'' retrieval time; null when no answer timed it.';
comment on column zenglow_stats.query_stats_1h.features_hist is 'Histogram of the answers'' feature time; null when no answer timed it.';
comment on column zenglow_stats.query_stats_1h.ltr_hist is 'Histogram of the answers'' learning-to-rank time; null when no answer timed it.';
comment on column zenglow_stats.query_stats_1h.fusion_hist is 'Histogram of the answers'' fusion time; null when no answer timed it.';
comment on column zenglow_stats.query_stats_1h.result_sources is 'The sources of the returned results, counted ({"pubmed": 7}); merge with jsonb_count_merge.';
comment on column zenglow_stats.query_stats_1h.realtime is 'True when computed from rows past the level''s watermark (not yet rolled up), false for a stored rollup row.';
