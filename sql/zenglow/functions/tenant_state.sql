set local role zenglow_owner;

create or replace function zenglow.tenant_state(p_tenant_id text)
returns text
language plpgsql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
-- 'active', 'inactive', or null when there is no such tenant (_global is none), so that
-- operators' tools can say precisely what is wrong ("tenant acme does not exist").
declare
    v_active boolean;
begin
    perform zenglow.maintenance_mode(true);
    select t.active into v_active from zenglow.tenants t where t.tenant_id = p_tenant_id and t.tenant_id <> '_global';
    perform zenglow.maintenance_mode(false);
    return case v_active when true then 'active' when false then 'inactive' end;
end
$$;

revoke all on function zenglow.tenant_state(text) from public;

comment on function zenglow.tenant_state(text) is
    'A tenant''s state: active, inactive, or null when there is no such tenant.';
