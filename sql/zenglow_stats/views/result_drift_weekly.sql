set local role zenglow_owner;

create or replace view zenglow_stats.result_drift_weekly
with (security_invoker = true)
as
-- The seeds' second drift check: what a tenant's answers were made of this week against the
-- calendar week before (ISO weeks, Monday 00:00 UTC), from the daily rollups (real-time, so the
-- current week counts what was recorded so far): the Jensen-Shannon divergence of the sources of
-- the returned results, and the overlap of the 50 documents most often in a top-k.
with weeks as (
    select s.tenant_id, (date_trunc('week', s.bucket, 'UTC') at time zone 'UTC')::date as week,
        sum(s.requests)::bigint as queries,
        zenglow_stats.jsonb_count_merge(s.result_sources) as sources,
        zenglow_stats.jsonb_count_merge(s.top_documents) as documents
    from zenglow_stats.query_stats_1d s
    group by 1, 2
)
select w.tenant_id, w.week, p.week as previous_week, w.queries,
    zenglow_stats.jensen_shannon(w.sources, p.sources) as js_divergence,
    case when p.week is not null then
        zenglow_stats.jaccard(zenglow_stats.jsonb_top_keys(w.documents, 50), zenglow_stats.jsonb_top_keys(p.documents, 50))
    end as top_documents_overlap
from weeks w
left join weeks p on p.tenant_id = w.tenant_id and p.week = w.week - 7;

comment on view zenglow_stats.result_drift_weekly is
    'Week-over-week shift of each tenant''s results (weeks from Monday 00:00 UTC, against the calendar week before): the '
    'Jensen-Shannon divergence of the result sources and the Jaccard overlap of the top-50 documents, from query_stats_1d.';
comment on column zenglow_stats.result_drift_weekly.tenant_id is 'The tenant.';
comment on column zenglow_stats.result_drift_weekly.week is 'The Monday (UTC date) the week starts on.';
comment on column zenglow_stats.result_drift_weekly.previous_week is
    'The week compared against (week - 7 days); null when the tenant recorded no queries that week.';
comment on column zenglow_stats.result_drift_weekly.queries is 'Requests recorded that week (every outcome, errors included).';
comment on column zenglow_stats.result_drift_weekly.js_divergence is
    'Base-2 Jensen-Shannon divergence of the week''s result sources (results counted per source) against the previous '
    'week''s: 0 the same mix, 1 no source in common; null without a previous week or without results in either.';
comment on column zenglow_stats.result_drift_weekly.top_documents_overlap is
    'Jaccard overlap (shared / all) of the two weeks'' 50 documents most often among the top results (ties by id): 1 '
    'the same documents, 0 none in common; null without a previous week or when neither week had any.';
