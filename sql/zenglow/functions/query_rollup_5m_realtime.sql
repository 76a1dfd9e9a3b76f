set local role zenglow_owner;

create or replace function zenglow.query_rollup_5m_realtime()
returns table (
    bucket timestamptz, tenant_id text, endpoint text, mode text, model text, requests bigint, errors_client bigint,
    errors_throttled bigint, errors_server bigint, degraded bigint, cache_hits bigint, results bigint,
    total_ms_sum double precision, embed_ms_sum double precision, retrieve_ms_sum double precision,
    features_ms_sum double precision, ltr_ms_sum double precision, fusion_ms_sum double precision,
    total_hist bigint[], embed_hist bigint[], retrieve_hist bigint[], features_hist bigint[], ltr_hist bigint[],
    fusion_hist bigint[], result_sources jsonb, realtime boolean
)
language sql
stable
as $$
    -- zenglow_stats.query_stats_5m, late-bound: the views that read it (query_latency_5m,
    -- query_stats_1h, model_stats, query_performance_hourly) sort before it, and the migrator
    -- applies views in path order, so they call this, whose body is resolved when it runs. A plain SQL function over
    -- zenglow_stats only: the planner inlines it (as the caller, hence no reference to schema
    -- zenglow, which analysts may not use), so filters on the caller reach the rollup tables.
    select * from zenglow_stats.query_stats_5m
$$;

comment on function zenglow.query_rollup_5m_realtime() is
    'The rows of zenglow_stats.query_stats_5m, for the views that sort before it (late-bound, inlined).';
