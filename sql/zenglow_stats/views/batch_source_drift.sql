set local role zenglow_owner;

create or replace view zenglow_stats.batch_source_drift
with (security_invoker = true)
as
-- The seeds' first drift check: each loaded batch's source mix against the tenant's previous
-- loaded batch (done or healed, by finished_at, then batch_id), beside what the spool worker
-- computed on its own (batches.drift: the largest share delta and whether it crossed its
-- threshold). Failed and unfinished batches loaded nothing, so they are neither compared nor
-- compared against.
with loaded as (
    select b.tenant_id, b.batch_id, b.batch_tag, b.finished_at, b.by_source, b.drift,
        array(select s.key from jsonb_each(case when jsonb_typeof(b.by_source) = 'object' then b.by_source else '{}'::jsonb end) s
              where jsonb_typeof(s.value) = 'number' and (s.value #>> '{}')::numeric > 0 order by s.key) as sources,
        lag(b.batch_tag) over w as previous_batch_tag,
        lag(b.by_source) over w as previous_by_source,
        lag(b.batch_id) over w as previous_batch_id
    from zenglow.batches b
    where b.state in ('done', 'healed')
    window w as (partition by b.tenant_id order by b.finished_at, b.batch_id)
)
select l.tenant_id, l.batch_id, l.batch_tag, l.finished_at, l.previous_batch_tag,
    case when l.previous_batch_id is not null then zenglow_stats.jensen_shannon(l.by_source, l.previous_by_source) end
        as js_divergence,
    case when l.previous_batch_id is not null then array(
        select s from unnest(l.sources) s
        except
        select p.key from jsonb_each(case when jsonb_typeof(l.previous_by_source) = 'object' then l.previous_by_source else '{}'::jsonb end) p
        where jsonb_typeof(p.value) = 'number' and (p.value #>> '{}')::numeric > 0
        order by 1) end as sources_added,
    case when l.previous_batch_id is not null then array(
        select p.key from jsonb_each(case when jsonb_typeof(l.previous_by_source) = 'object' then l.previous_by_source else '{}'::jsonb end) p
        where jsonb_typeof(p.value) = 'number' and (p.value #>> '{}')::numeric > 0
        except
        select s from unnest(l.sources) s
        order by 1) end as sources_dropped,
    case when jsonb_typeof(l.drift -> 'max_delta') = 'number' then (l.drift ->> 'max_delta')::double precision end
        as spool_max_delta,
    case when jsonb_typeof(l.drift -> 'flagged') = 'boolean' then (l.drift ->> 'flagged')::boolean end as spool_flagged
from loaded l;

comment on view zenglow_stats.batch_source_drift is
    'Source-mix drift of each loaded (done or healed) batch against the tenant''s previous loaded batch (by finished_at): '
    'the Jensen-Shannon divergence of their by_source shares, the sources that appeared and disappeared, and the spool '
    'worker''s own check (batches.drift) beside them. The first loaded batch of a tenant has nothing to compare: nulls.';
comment on column zenglow_stats.batch_source_drift.tenant_id is 'The tenant.';
comment on column zenglow_stats.batch_source_drift.batch_id is 'The batch.';
comment on column zenglow_stats.batch_source_drift.batch_tag is 'The batch''s tag.';
comment on column zenglow_stats.batch_source_drift.finished_at is 'When the batch became searchable (done or healed).';
comment on column zenglow_stats.batch_source_drift.previous_batch_tag is
    'The tenant''s loaded batch just before it, the one compared against; null for the tenant''s first.';
comment on column zenglow_stats.batch_source_drift.js_divergence is
    'Base-2 Jensen-Shannon divergence of the two batches'' source shares: 0 the same mix, 1 no source in common; '
    'null for the first batch (or when either batch has no by_source counts).';
comment on column zenglow_stats.batch_source_drift.sources_added is
    'Sources in this batch that the previous batch did not have, sorted; null for the first batch.';
comment on column zenglow_stats.batch_source_drift.sources_dropped is
    'Sources of the previous batch that this batch does not have, sorted; null for the first batch.';
comment on column zenglow_stats.batch_source_drift.spool_max_delta is
    'The spool worker''s largest |share delta| against the batch it compared with (batches.drift.max_delta, which may '
    'be another batch: the worker reads its own summaries); null when the worker recorded no drift report.';
comment on column zenglow_stats.batch_source_drift.spool_flagged is
    'Whether the spool worker flagged the batch (max_delta above its SPOOL drift threshold); null without a report.';
