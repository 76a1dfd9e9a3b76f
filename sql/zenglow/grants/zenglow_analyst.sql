set local role zenglow_owner;

-- Analysts read zenglow_stats. Its views run with the analyst's own rights (security_invoker),
-- so the base tables are granted too; without USAGE on schema zenglow they are reachable only
-- through the views.
grant usage on schema zenglow_stats to zenglow_analyst;
grant select on all tables in schema zenglow_stats to zenglow_analyst;
grant select on zenglow.maintenance_runs, zenglow.query_rollup_5m, zenglow.query_rollup_1h, zenglow.query_rollup_1d,
    zenglow.query_rollup_watermarks to zenglow_analyst;

-- query_performance column by column: every column but query_text (the scrubbed query, stored only
-- with LOG_QUERY_TEXT=true, is PII an analyst never reads). The table-level grant would cover it.
revoke select on zenglow.query_performance from zenglow_analyst;
grant select (ts, tenant_id, request_id, endpoint, status, top_k, cache_hit, result_count, weights_version, model,
    embed_ms, retrieve_ms, features_ms, ltr_ms, fusion_ms, total_ms, error_code, degraded_reason, mode, ltr_version,
    result_sources, top_documents) on zenglow.query_performance to zenglow_analyst;

-- The histogram functions, for analysts' own queries and Grafana; and the real-time rollups'
-- bodies, which the query_stats_* views call with the analyst's rights.
grant execute on function
    zenglow_stats.latency_bucket(double precision),
    zenglow_stats.histogram_add(bigint[], bigint[]),
    zenglow_stats.histogram_merge(bigint[]),
    zenglow_stats.histogram_quantile(bigint[], double precision),
    zenglow_stats.histogram_count(bigint[]),
    zenglow_stats.jsonb_count_add(jsonb, jsonb),
    zenglow_stats.jsonb_count_merge(jsonb),
    zenglow.query_rollup_5m_from_raw(timestamptz, timestamptz),
    zenglow.query_rollup_5m_realtime(),
    zenglow.query_rollup_1h_realtime(),
    zenglow.query_rollup_1d_realtime()
to zenglow_analyst;
