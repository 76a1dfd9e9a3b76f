set local role zenglow_owner;

create or replace function zenglow_api.current_fusion_weights()
returns jsonb
language sql
stable
as $$
    -- The weights the current tenant's queries use: its newest version, else the newest global one.
    select jsonb_build_object('version', w.version, 'scope', case when w.tenant_id = '_global' then 'global' else 'tenant' end,
        'weights', w.weights, 'created_at', w.created_at, 'actor', w.actor, 'reason', w.reason)
    from zenglow.fusion_weights w
    where zenglow.current_tenant() is not null
      and w.tenant_id in (zenglow.current_tenant(), '_global')
    order by w.tenant_id = '_global', w.version desc
    limit 1
$$;

comment on function zenglow_api.current_fusion_weights() is
    'The active fusion weights of the current tenant: {version, scope (tenant|global), weights {ltr, vector}, created_at, actor, reason}.';
