set local role zenglow_owner;

create or replace view zenglow_stats.query_performance
with (security_invoker = true)
as
select ts, tenant_id, request_id, endpoint, status, top_k, cache_hit, result_count, weights_version, model,
    embed_ms, retrieve_ms, features_ms, ltr_ms, fusion_ms, total_ms
from zenglow.query_performance;

comment on view zenglow_stats.query_performance is
    'One row per API request: time, tenant, endpoint, HTTP status, top_k, cache hit, result count, fusion weights '
    'version, model, and milliseconds per stage (embed, retrieve, features, ltr, fusion) and in total.';
