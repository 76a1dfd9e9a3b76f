set local role zenglow_owner;

create or replace function zenglow.current_tenant()
returns text
language sql
stable
parallel safe
as $$
    -- The tenant of this transaction, from `set local zenglow.tenant_id`. Unset, empty, unknown,
    -- inactive or the reserved _global id all give null, and null matches no row: fail closed.
    select t.tenant_id
    from zenglow.tenants t
    where t.tenant_id = nullif(current_setting('zenglow.tenant_id', true), '')
      and t.tenant_id <> '_global'
      and t.active
$$;

comment on function zenglow.current_tenant() is
    'The current transaction''s tenant (set local zenglow.tenant_id), or null when unset, empty, unknown or inactive.';
