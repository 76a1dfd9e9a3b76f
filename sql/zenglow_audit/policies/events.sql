set local role zenglow_owner;

alter table zenglow_audit.events enable row level security;
alter table zenglow_audit.events force row level security;

-- Tenants read their own trail; rows are written only by zenglow_audit.append (as the owner).
drop policy if exists tenant_isolation on zenglow_audit.events;
create policy tenant_isolation on zenglow_audit.events for select
    using (tenant_id = (select zenglow.current_tenant()));

drop policy if exists owner_maintenance on zenglow_audit.events;
create policy owner_maintenance on zenglow_audit.events to zenglow_owner
    using (zenglow.in_maintenance_mode())
    with check (zenglow.in_maintenance_mode());
