set local role zenglow_owner;

create or replace view zenglow_stats.ingest_rejections
with (security_invoker = true)
as
-- What ingestion refused and why, from three places, told apart by stage:
--   loader    rows a loaded batch left out: the spool summary's rejected_by_reason, and what
--             batches.rejected counts beyond it as unclassified (batches loaded through the API
--             carry no summary);
--   manifest  batches whose manifest ended failed, by batches.reason;
--   spool     files (or batches of a segment) the spool worker refused before anything was
--             written, by the failure code of their ingest.failed audit event.
select r.day, r.tenant_id, r.stage, r.reason, count(*) as batches, sum(r.rows)::bigint as rows
from (
    select (b.created_at at time zone 'UTC')::date as day, b.tenant_id, 'loader'::text as stage, x.reason, x.rows
    from zenglow.batches b
    cross join lateral (
        with classified as (
            select e.key as reason, (e.value #>> '{}')::numeric as rows
            from jsonb_each(case when jsonb_typeof(b.summary -> 'rejected_by_reason') = 'object'
                then b.summary -> 'rejected_by_reason' else '{}'::jsonb end) e
            where jsonb_typeof(e.value) = 'number' and (e.value #>> '{}')::numeric > 0
        )
        select c.reason, c.rows from classified c
        union all
        select 'unclassified', b.rejected - coalesce((select sum(c.rows) from classified c), 0)
        where b.rejected > coalesce((select sum(c.rows) from classified c), 0)
    ) x
    union all
    select (b.created_at at time zone 'UTC')::date, b.tenant_id, 'manifest', b.reason, null
    from zenglow.batches b
    where b.state = 'failed'
    union all
    select (f.occurred_at at time zone 'UTC')::date, f.tenant_id, 'spool', f.reason, null
    from zenglow_stats.ingest_failure_reasons() f
) r
group by r.day, r.tenant_id, r.stage, r.reason;

comment on view zenglow_stats.ingest_rejections is
    'What ingestion refused, per UTC day, tenant, stage and reason. stage loader: rows left out of a loaded batch, reason '
    'wrong_dimension, non_finite, undefined_cosine, empty_text, invalid_utf8, invalid_metadata, invalid_document_id or '
    'duplicate_chunk (the spool summary''s rejected_by_reason), or unclassified (counted in batches.rejected without a '
    'reason, as for batches loaded through the API). stage manifest: batches whose manifest ended failed, reason failed, '
    'partition_missing or other_error. stage spool: files or segment frames the spool worker refused before loading '
    '(ingest.failed audit events), reason its failure code: truncated, invalid_msgpack, invalid_utf8, too_deep, too_large, '
    'zstd_bomb, corrupt_zstd, frame_length, wrong_type, missing_field, unknown_field, invalid_value, unknown_tenant, '
    'tag_reused, pii_rejected, embedding_failed, partition_missing, database, max_attempts, unknown_format, unreadable '
    '(other when not a code). Loader and manifest rows count on the day the batch was opened, spool rows on the day of the event.';
comment on column zenglow_stats.ingest_rejections.day is
    'UTC date: the batch''s opening (loader, manifest) or the audit event''s time (spool).';
comment on column zenglow_stats.ingest_rejections.tenant_id is
    'The tenant; _global for a spool file that named no existing tenant (reason unknown_tenant).';
comment on column zenglow_stats.ingest_rejections.stage is
    'Where it was refused: loader (rows of a batch that loaded), manifest (a batch that ended failed), spool (before loading).';
comment on column zenglow_stats.ingest_rejections.reason is 'Why, in the stage''s vocabulary (see the view''s comment).';
comment on column zenglow_stats.ingest_rejections.batches is
    'Batches (loader: with at least one row refused for this reason; manifest: failed) or spool refusals (files or frames).';
comment on column zenglow_stats.ingest_rejections.rows is
    'Rows refused for this reason (loader); null for manifest and spool, where the whole batch was refused and its size is not recorded.';
