set local role zenglow_owner;

alter table zenglow.api_keys enable row level security;
alter table zenglow.api_keys force row level security;

drop policy if exists tenant_isolation on zenglow.api_keys;
create policy tenant_isolation on zenglow.api_keys
    using (tenant_id = (select zenglow.current_tenant()))
    with check (tenant_id = (select zenglow.current_tenant()));

drop policy if exists owner_maintenance on zenglow.api_keys;
create policy owner_maintenance on zenglow.api_keys to zenglow_owner
    using (zenglow.in_maintenance_mode())
    with check (zenglow.in_maintenance_mode());
