set local role zenglow_owner;

create or replace view zenglow_stats.query_performance
with (security_invoker = true)
as
-- Every column but query_text (a scrubbed query, kept only with LOG_QUERY_TEXT=true), which
-- zenglow_analyst may not read at all (its grant on the table is column by column).
select ts, tenant_id, request_id, endpoint, status, top_k, cache_hit, result_count, weights_version, model,
    embed_ms, retrieve_ms, features_ms, ltr_ms, fusion_ms, total_ms,
    error_code, degraded_reason, mode, ltr_version, result_sources, top_documents
from zenglow.query_performance;

comment on view zenglow_stats.query_performance is
    'One row per API request, every outcome: time, tenant, endpoint, HTTP status, top_k, cache hit, result count, '
    'fusion weights version, model, milliseconds per stage (embed, retrieve, features, ltr, fusion) and in total, the '
    'error code and degraded reason, retrieval mode, LTR version, the results'' sources and top documents. Raw rows are '
    'kept query_performance_retention (30 days); the query_stats_* rollups keep longer.';
