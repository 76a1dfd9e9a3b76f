set local role zenglow_owner;

alter table zenglow.tenants enable row level security;
alter table zenglow.tenants force row level security;

-- Reads the setting directly: zenglow.current_tenant() itself reads this table.
drop policy if exists tenant_isolation on zenglow.tenants;
create policy tenant_isolation on zenglow.tenants for select
    using (tenant_id = nullif(current_setting('zenglow.tenant_id', true), '') and tenant_id <> '_global');

drop policy if exists owner_maintenance on zenglow.tenants;
create policy owner_maintenance on zenglow.tenants to zenglow_owner
    using (zenglow.in_maintenance_mode())
    with check (zenglow.in_maintenance_mode());
