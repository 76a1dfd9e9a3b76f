set local role zenglow_owner;

create or replace view zenglow_stats.weight_changes
with (security_invoker = true)
as
-- Everything that changes how rag_query ranks, in one series: fusion-weight versions (the table
-- itself, so versions inserted without set_fusion_weights and the initial default are there
-- too, each with its required actor and reason), learning-to-rank versions (global, no actor)
-- and embedding-model activations (the audit log, through zenglow_stats.model_activations(): the
-- only record zenglow.activate_model keeps).
select f.tenant_id, f.created_at as changed_at, 'fusion_weights'::text as kind, f.version, f.actor, f.reason,
    jsonb_build_object('weights', f.weights)
        || case when f.issue_link is not null then jsonb_build_object('issue_link', f.issue_link) else '{}'::jsonb end
        as details
from zenglow.fusion_weights f
union all
select '_global', l.created_at, 'ltr_model', l.version, null, nullif(l.trained_on, ''),
    jsonb_build_object('feature_schema_version', l.feature_schema_version, 'coefficients', l.coefficients,
        'intercept', l.intercept, 'metrics', l.metrics)
from zenglow.ltr_models l
union all
select m.tenant_id, m.occurred_at, 'model', null, m.actor, m.details ->> 'reason', m.details
from zenglow_stats.model_activations() m;

comment on view zenglow_stats.weight_changes is
    'Every change of what ranks results, oldest first by changed_at: fusion-weight versions (per tenant, or _global for '
    'the defaults), learning-to-rank model versions and embedding-model activations (both _global, so every tenant''s). '
    'See weight_change_effects for the latency and result mix around each.';
comment on column zenglow_stats.weight_changes.tenant_id is
    'The tenant whose weights changed; _global for global fusion weights (tenants without their own), LTR models and embedding models.';
comment on column zenglow_stats.weight_changes.changed_at is 'When the change took effect (the version''s creation, the activation''s audit time).';
comment on column zenglow_stats.weight_changes.kind is
    'fusion_weights (a new version in zenglow.fusion_weights), ltr_model (a new zenglow.ltr_models version) or model (an embedding model activated).';
comment on column zenglow_stats.weight_changes.version is
    'The fusion-weights or LTR version (the newest is active); null for a model activation (the model is in details.new).';
comment on column zenglow_stats.weight_changes.actor is
    'Who made the change (fusion weights, model activations); null for LTR versions, which record none.';
comment on column zenglow_stats.weight_changes.reason is
    'Why: the fusion-weight version''s reason, what an LTR version was trained on, a model activation''s details.reason when given.';
comment on column zenglow_stats.weight_changes.details is
    'What changed to: {weights, issue_link} for fusion weights, {feature_schema_version, coefficients, intercept, metrics} '
    'for an LTR version, the audit record''s {old, new, index} for a model activation.';
