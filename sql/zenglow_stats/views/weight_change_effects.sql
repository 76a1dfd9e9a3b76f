set local role zenglow_owner;

create or replace view zenglow_stats.weight_change_effects
with (security_invoker = true)
as
-- What a change of weights, LTR model or embedding model did: the 24 hours before it against
-- the 24 hours after, from the hourly rollups (real-time). Whole UTC hours on both sides, the
-- hour the change fell in left out (its requests ran under both): before is the 24 hours ending
-- where that hour starts, after the 24 hours starting where it ends. A tenant's change is
-- measured on its own requests; a _global one (default fusion weights, LTR and embedding models)
-- on every tenant's. p95 comes from the merged latency histograms: within 9.05% of the exact value.
-- weight_changes is read through zenglow_stats.weight_change_list(): this file sorts before it.
select c.tenant_id, c.changed_at, c.kind, c.version, c.actor, c.reason,
    b.requests as requests_before,
    a.requests as requests_after,
    zenglow_stats.histogram_quantile(b.total_hist, 0.95) as p95_before_ms,
    zenglow_stats.histogram_quantile(a.total_hist, 0.95) as p95_after_ms,
    zenglow_stats.jensen_shannon(b.result_sources, a.result_sources) as result_sources_js_divergence
from zenglow_stats.weight_change_list() c
cross join lateral (
    select coalesce(sum(s.requests), 0)::bigint as requests, zenglow_stats.histogram_merge(s.total_hist) as total_hist,
        zenglow_stats.jsonb_count_merge(s.result_sources) as result_sources
    from zenglow_stats.query_stats_1h s
    where (c.tenant_id = '_global' or s.tenant_id = c.tenant_id)
      and s.bucket >= date_trunc('hour', c.changed_at, 'UTC') - interval '24 hours'
      and s.bucket < date_trunc('hour', c.changed_at, 'UTC')
) b
cross join lateral (
    select coalesce(sum(s.requests), 0)::bigint as requests, zenglow_stats.histogram_merge(s.total_hist) as total_hist,
        zenglow_stats.jsonb_count_merge(s.result_sources) as result_sources
    from zenglow_stats.query_stats_1h s
    where (c.tenant_id = '_global' or s.tenant_id = c.tenant_id)
      and s.bucket >= date_trunc('hour', c.changed_at, 'UTC') + interval '1 hour'
      and s.bucket < date_trunc('hour', c.changed_at, 'UTC') + interval '25 hours'
) a;

comment on view zenglow_stats.weight_change_effects is
    'Each weight_changes row with the requests, p95 total latency and result-source mix of the 24 whole UTC hours before '
    'it against the 24 after (the hour it happened in left out), from query_stats_1h: the tenant''s own requests, every '
    'tenant''s for a _global change. The after side of a recent change holds what was recorded so far.';
comment on column zenglow_stats.weight_change_effects.tenant_id is 'The tenant of the change (weight_changes.tenant_id); _global: measured on every tenant.';
comment on column zenglow_stats.weight_change_effects.changed_at is 'When the change took effect.';
comment on column zenglow_stats.weight_change_effects.kind is 'fusion_weights, ltr_model or model (see weight_changes).';
comment on column zenglow_stats.weight_change_effects.version is 'The fusion-weights or LTR version; null for a model activation.';
comment on column zenglow_stats.weight_change_effects.actor is 'Who made the change; null for LTR versions.';
comment on column zenglow_stats.weight_change_effects.reason is 'Why (see weight_changes.reason).';
comment on column zenglow_stats.weight_change_effects.requests_before is 'Requests in the 24 hours before (0 when none).';
comment on column zenglow_stats.weight_change_effects.requests_after is 'Requests in the 24 hours after (0 when none, or not yet).';
comment on column zenglow_stats.weight_change_effects.p95_before_ms is
    '95th percentile of total milliseconds before, from the merged histograms (within 9.05%); null without requests.';
comment on column zenglow_stats.weight_change_effects.p95_after_ms is
    '95th percentile of total milliseconds after, likewise; null without requests.';
comment on column zenglow_stats.weight_change_effects.result_sources_js_divergence is
    'Base-2 Jensen-Shannon divergence of the result sources before against after: 0 the same mix, 1 nothing in common; '
    'null when either side returned no results.';
