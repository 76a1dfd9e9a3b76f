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
comment on column zenglow_stats.query_performance.ts is 'When the request arrived.';
comment on column zenglow_stats.query_performance.tenant_id is 'The tenant of the API key.';
comment on column zenglow_stats.query_performance.request_id is 'The request id (X-Request-ID), as in the API''s log.';
comment on column zenglow_stats.query_performance.endpoint is 'The API endpoint (/rag/query).';
comment on column zenglow_stats.query_performance.status is 'The HTTP status answered.';
comment on column zenglow_stats.query_performance.top_k is 'The results asked for; null when the body was never read (a refusal before it).';
comment on column zenglow_stats.query_performance.cache_hit is 'Answered from the response cache.';
comment on column zenglow_stats.query_performance.result_count is 'Results returned; null for a failed request.';
comment on column zenglow_stats.query_performance.weights_version is 'The tenant''s fusion weights version that ranked the answer.';
comment on column zenglow_stats.query_performance.model is 'The embedding model of the vector side.';
comment on column zenglow_stats.query_performance.embed_ms is 'Milliseconds embedding the query; null when the request sent its own embedding or the cache answered.';
comment on column zenglow_stats.query_performance.retrieve_ms is 'Milliseconds in the one rag_query call.';
comment on column zenglow_stats.query_performance.features_ms is 'Milliseconds computing LTR features, from rag_query''s timing block (null for cache hits and refusals).';
comment on column zenglow_stats.query_performance.ltr_ms is 'Milliseconds scoring with the LTR model (or ranking for rrf), from rag_query''s timing block (null for cache hits and refusals).';
comment on column zenglow_stats.query_performance.fusion_ms is 'Milliseconds fusing the scores and building the results, from rag_query''s timing block (null for cache hits and refusals).';
comment on column zenglow_stats.query_performance.total_ms is 'Milliseconds from the request''s arrival to its answer, the key check and any session-cap wait included.';
comment on column zenglow_stats.query_performance.error_code is 'The API error code of a failed request (rate_limited, invalid_embedding, overloaded, …); null when it succeeded.';
comment on column zenglow_stats.query_performance.degraded_reason is 'Why a successful answer was degraded (embedder_unavailable, no_embedding); null when it was not.';
comment on column zenglow_stats.query_performance.mode is 'The retrieval mode (fusion, rrf, bm25, vector); null when the body was never read.';
comment on column zenglow_stats.query_performance.ltr_version is 'The LTR model version that scored the candidates.';
comment on column zenglow_stats.query_performance.result_sources is 'The sources of the returned results, counted: {"pubmed": 7, "wiki": 3}.';
comment on column zenglow_stats.query_performance.top_documents is 'The document ids of the first (at most 10) results, in rank order.';
