set local role zenglow_owner;

create or replace function zenglow.current_tenant()
returns text
language plpgsql
stable
parallel safe
as $$
-- The tenant of this transaction, from `set local zenglow.tenant_id`. Unset, empty, unknown,
-- inactive or the reserved _global id all give null, and null matches no row: fail closed.
-- PL/pgSQL rather than SQL: every policy calls this once per query, and a SQL function's body
-- is planned again on every call, while PL/pgSQL keeps its plan for the session (about a tenth
-- of the cost; zenglow_api.cache_generation, on the response cache's hit path, calls it a few
-- times).
declare
    v_tenant text;
begin
    select t.tenant_id into v_tenant
    from zenglow.tenants t
    where t.tenant_id = nullif(current_setting('zenglow.tenant_id', true), '')
      and t.tenant_id <> '_global'
      and t.active;
    return v_tenant;
end
$$;

comment on function zenglow.current_tenant() is
    'The current transaction''s tenant (set local zenglow.tenant_id), or null when unset, empty, unknown or inactive.';
