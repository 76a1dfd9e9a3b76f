set local role zenglow_owner;

-- What zenglow_stats' ingestion, drift, weight and partition views read as the analyst
-- (security_invoker), on top of zenglow_analyst.sql. Without USAGE on schemas zenglow and
-- zenglow_audit the tables stay reachable only through the views. Column by column where a table
-- holds what analysts should not see: batches.detail (loader and failure messages, which can
-- quote document ids and content), content_hash and pii; the audit log's hashes, and its rows
-- beyond model.activate (row-level policy sql/zenglow_audit/policies/events_analyst_read.sql);
-- the spool's ingest.failed events only as failure codes, through
-- zenglow_stats.ingest_failure_reasons().
grant select (tenant_id, batch_id, batch_tag, source, state, reason, accepted, rejected, embedded, by_source, pinned,
    created_at, updated_at, loading_at, finished_at, expired_at, alert_reason, drift, summary)
    on zenglow.batches to zenglow_analyst;
grant select on zenglow.fusion_weights, zenglow.ltr_models to zenglow_analyst;
grant select (tenant_id, seq, occurred_at, actor, action, subject, details) on zenglow_audit.events to zenglow_analyst;

grant execute on function
    zenglow_stats.jensen_shannon(jsonb, jsonb),
    zenglow_stats.jaccard(text[], text[]),
    zenglow_stats.jsonb_top_keys(jsonb, integer),
    zenglow_stats.ingest_failure_reasons()
to zenglow_analyst;

grant select on
    zenglow_stats.ingest_daily,
    zenglow_stats.ingest_rejections,
    zenglow_stats.batch_sources,
    zenglow_stats.batch_source_drift,
    zenglow_stats.maintenance_runs
to zenglow_analyst;
