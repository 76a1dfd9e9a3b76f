set local role zenglow_owner;

create or replace view zenglow_stats.ingest_daily
with (security_invoker = true)
as
-- One row per UTC day a batch was opened and tenant. A batch counts on the day it was opened,
-- whatever state it reached later; the time to searchable is the wait from open to done or healed.
select
    (b.created_at at time zone 'UTC')::date as day,
    b.tenant_id,
    count(*) as batches,
    count(*) filter (where b.state = 'done') as done,
    count(*) filter (where b.state = 'failed') as failed,
    count(*) filter (where b.state = 'healed') as healed,
    count(*) filter (where b.state in ('open', 'loading')) as in_progress,
    sum(b.accepted)::bigint as accepted,
    sum(b.rejected)::bigint as rejected,
    case when sum(b.accepted) + sum(b.rejected) > 0
        then sum(b.accepted)::double precision / (sum(b.accepted) + sum(b.rejected)) end as acceptance_rate,
    percentile_cont(0.5) within group (order by extract(epoch from b.finished_at - b.created_at)::double precision)
        filter (where b.state in ('done', 'healed')) as p50_seconds_to_searchable,
    percentile_cont(0.95) within group (order by extract(epoch from b.finished_at - b.created_at)::double precision)
        filter (where b.state in ('done', 'healed')) as p95_seconds_to_searchable
from zenglow.batches b
group by 1, 2;

comment on view zenglow_stats.ingest_daily is
    'Ingest batches per UTC day (of opening) and tenant: how many, in which state, rows accepted and rejected, the '
    'acceptance rate and how long loaded batches took to become searchable. Re-submissions of loaded content open no batch.';
comment on column zenglow_stats.ingest_daily.day is 'The UTC date the batches were opened (batches.created_at).';
comment on column zenglow_stats.ingest_daily.tenant_id is 'The tenant.';
comment on column zenglow_stats.ingest_daily.batches is 'Batches opened that day, in any state.';
comment on column zenglow_stats.ingest_daily.done is 'Of those, batches now done (loaded and searchable).';
comment on column zenglow_stats.ingest_daily.failed is 'Of those, batches now failed (not loaded; a retry moves one back to loading).';
comment on column zenglow_stats.ingest_daily.healed is 'Of those, batches now healed: loaded after their missing chunk partition was created.';
comment on column zenglow_stats.ingest_daily.in_progress is 'Of those, batches still open or loading.';
comment on column zenglow_stats.ingest_daily.accepted is 'Chunks loaded, summed over the day''s batches.';
comment on column zenglow_stats.ingest_daily.rejected is 'Rows the loader refused (the rest of each batch loaded), summed; see ingest_rejections for why.';
comment on column zenglow_stats.ingest_daily.acceptance_rate is 'accepted / (accepted + rejected), 0..1; null when both are 0.';
comment on column zenglow_stats.ingest_daily.p50_seconds_to_searchable is
    'Median seconds from opening (created_at) to done or healed (finished_at) over the day''s loaded batches; null when none loaded.';
comment on column zenglow_stats.ingest_daily.p95_seconds_to_searchable is
    '95th percentile of the same (interpolated, exact over the batches); null when none loaded.';
