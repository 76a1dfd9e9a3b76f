set local role zenglow_owner;

alter table zenglow.batches enable row level security;
alter table zenglow.batches force row level security;

drop policy if exists tenant_isolation on zenglow.batches;
create policy tenant_isolation on zenglow.batches
    using (tenant_id = (select zenglow.current_tenant()))
    with check (tenant_id = (select zenglow.current_tenant()));

drop policy if exists owner_maintenance on zenglow.batches;
create policy owner_maintenance on zenglow.batches to zenglow_owner
    using (zenglow.in_maintenance_mode())
    with check (zenglow.in_maintenance_mode());
