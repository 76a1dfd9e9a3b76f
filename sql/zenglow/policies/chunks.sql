set local role zenglow_owner;

alter table zenglow.chunks enable row level security;
alter table zenglow.chunks force row level security;

drop policy if exists tenant_isolation on zenglow.chunks;
create policy tenant_isolation on zenglow.chunks
    using (tenant_id = (select zenglow.current_tenant()))
    with check (tenant_id = (select zenglow.current_tenant()));

drop policy if exists owner_maintenance on zenglow.chunks;
create policy owner_maintenance on zenglow.chunks to zenglow_owner
    using (zenglow.in_maintenance_mode())
    with check (zenglow.in_maintenance_mode());
