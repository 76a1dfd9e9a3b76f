-- What the spool worker learnt about a batch beyond its counts: the reason a run raised an alert
-- for it (a healed partition, say), the drift of its source mix against the tenant's previous
-- batch, the PII it found, and its ingest summary. Set by zenglow_api.annotate_batch; the manifest
-- event carries alert_reason as "reason".
set local role zenglow_owner;

alter table zenglow.batches
    add column alert_reason text
        constraint batches_alert_reason_known
        check (alert_reason in ('failed', 'healed_partition', 'partition_missing', 'other_error')),
    add column drift jsonb constraint batches_drift_object check (jsonb_typeof(drift) = 'object'),
    add column pii jsonb constraint batches_pii_object check (jsonb_typeof(pii) = 'object'),
    add column summary jsonb constraint batches_summary_object check (jsonb_typeof(summary) = 'object');

comment on column zenglow.batches.alert_reason is
    'Why the spool run that loaded this batch raised an alert (failed, healed_partition, partition_missing, other_error); '
    'null when it raised none. Cleared when a failed batch is retried.';
comment on column zenglow.batches.drift is
    'The spool worker''s drift report: each source''s share of this batch minus its share of the tenant''s previous batch '
    '(previous_batch_tag, deltas, max_delta, threshold, flagged).';
comment on column zenglow.batches.pii is
    'PII the spool worker found in this batch''s texts, by kind (emails, phones, api_keys, tokens), and the mode it ran in.';
comment on column zenglow.batches.summary is 'The spool worker''s ingest summary of this batch (as written to SPOOL_REPORT_DIR).';
