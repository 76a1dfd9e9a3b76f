set local role zenglow_owner;

create or replace function zenglow.create_tenant(p_tenant_id text, p_display_name text default '')
returns text
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Registers a tenant (operators; row-level security keeps the tenants table closed otherwise).
-- Creating one that exists changes nothing.
begin
    perform zenglow.maintenance_mode(true);
    insert into zenglow.tenants (tenant_id, display_name) values (p_tenant_id, coalesce(p_display_name, ''))
    on conflict (tenant_id) do nothing;
    perform zenglow.maintenance_mode(false);
    return p_tenant_id;
end
$$;
