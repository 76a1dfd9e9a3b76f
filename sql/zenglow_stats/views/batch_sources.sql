set local role zenglow_owner;

create or replace view zenglow_stats.batch_sources
with (security_invoker = true)
as
-- A batch's by_source distribution, one row per source, with its share of the batch.
select b.tenant_id, b.batch_id, b.batch_tag, b.state, b.finished_at, s.key as source,
    (s.value #>> '{}')::bigint as chunks,
    case when b.accepted > 0 then (s.value #>> '{}')::double precision / b.accepted end as share
from zenglow.batches b
cross join lateral jsonb_each(case when jsonb_typeof(b.by_source) = 'object' then b.by_source else '{}'::jsonb end) s
where jsonb_typeof(s.value) = 'number';

comment on view zenglow_stats.batch_sources is
    'Each batch''s chunks per source (batches.by_source: a document''s own source, else the batch''s), one row per source.';
comment on column zenglow_stats.batch_sources.tenant_id is 'The tenant.';
comment on column zenglow_stats.batch_sources.batch_id is 'The batch (zenglow.batches.batch_id).';
comment on column zenglow_stats.batch_sources.batch_tag is 'The batch''s tag, unique per tenant.';
comment on column zenglow_stats.batch_sources.state is 'The batch''s state: open, loading, done, failed or healed.';
comment on column zenglow_stats.batch_sources.finished_at is 'When the batch reached done, failed or healed; null while open or loading.';
comment on column zenglow_stats.batch_sources.source is 'The source.';
comment on column zenglow_stats.batch_sources.chunks is 'Chunks of the batch from this source.';
comment on column zenglow_stats.batch_sources.share is 'chunks / the batch''s accepted chunks, 0..1; null when the batch accepted none.';
