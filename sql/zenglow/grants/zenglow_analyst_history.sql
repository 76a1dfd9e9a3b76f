set local role zenglow_owner;

-- What zenglow_stats' ingestion, drift, weight and partition views read as the analyst
-- (security_invoker), on top of zenglow_analyst.sql. Without USAGE on schemas zenglow and
-- zenglow_audit the tables stay reachable only through the views. Column by column where a table
-- holds what analysts should not see: batches.detail (loader and failure messages, which can
-- quote document ids and content), content_hash and pii. No privilege on the audit log: its
-- tenant policy calls zenglow.current_tenant(), which analysts may not run, so they read the two
-- kinds of rows they need through SECURITY DEFINER functions that return only what the views
-- show (zenglow_stats.ingest_failure_reasons: failure codes; zenglow_stats.model_activations).
grant select (tenant_id, batch_id, batch_tag, source, state, reason, accepted, rejected, embedded, by_source, pinned,
    created_at, updated_at, loading_at, finished_at, expired_at, alert_reason, drift, summary)
    on zenglow.batches to zenglow_analyst;
grant select on zenglow.fusion_weights, zenglow.ltr_models to zenglow_analyst;

grant execute on function
    zenglow_stats.jensen_shannon(jsonb, jsonb),
    zenglow_stats.jaccard(text[], text[]),
    zenglow_stats.jsonb_top_keys(jsonb, integer),
    zenglow_stats.ingest_failure_reasons(),
    zenglow_stats.model_activations(),
    zenglow_stats.weight_change_list()
to zenglow_analyst;

grant select on
    zenglow_stats.ingest_daily,
    zenglow_stats.ingest_rejections,
    zenglow_stats.batch_sources,
    zenglow_stats.batch_source_drift,
    zenglow_stats.maintenance_runs,
    zenglow_stats.weight_changes,
    zenglow_stats.partition_counts,
    zenglow_stats.result_drift_weekly,
    zenglow_stats.weight_change_effects
to zenglow_analyst;
