set local role zenglow_owner;

create or replace function zenglow_api.current_retrieval_settings()
returns jsonb
language sql
stable
as $$
    -- The settings the current tenant's queries use when a call gives no option (see
    -- zenglow.retrieval_settings_in_effect), and the active LTR version beside the one they were
    -- fitted with, so an operator sees when they no longer match.
    select jsonb_build_object('version', s.version, 'scope', s.scope, 'settings', s.settings,
        'ltr_version', s.ltr_version, 'active_ltr_version', (select max(l.version) from zenglow.ltr_models l),
        'created_at', s.created_at, 'actor', s.actor, 'reason', s.reason)
    from zenglow.retrieval_settings_in_effect() s
    where zenglow.current_tenant() is not null
$$;

comment on function zenglow_api.current_retrieval_settings() is
    'The current tenant''s retrieval settings: {version (null for the defaults), scope (tenant|global|default), settings '
    '{k1, b, candidates, lexical_budget}, ltr_version (fitted with), active_ltr_version, created_at, actor, reason}; '
    'null without a tenant.';
