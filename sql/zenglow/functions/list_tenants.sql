set local role zenglow_owner;

create or replace function zenglow.list_tenants()
returns table (tenant_id text, display_name text, active boolean, created_at timestamptz)
language plpgsql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Every tenant but the reserved _global, by id, for operators (`zenglow tenants list`): the
-- tenants table is closed by row-level security, so this reads it in maintenance mode.
begin
    perform zenglow.maintenance_mode(true);
    return query
        select t.tenant_id, t.display_name, t.active, t.created_at
        from zenglow.tenants t
        where t.tenant_id <> '_global'
        order by t.tenant_id;
    perform zenglow.maintenance_mode(false);
end
$$;

revoke all on function zenglow.list_tenants() from public;

comment on function zenglow.list_tenants() is
    'Every tenant but _global, ordered by id: tenant_id, display_name, active, created_at.';
