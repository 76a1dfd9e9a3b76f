set local role zenglow_owner;

alter table zenglow.fusion_weights enable row level security;
alter table zenglow.fusion_weights force row level security;

-- A tenant reads its own versions and the global defaults it falls back to, and writes its own.
drop policy if exists tenant_isolation on zenglow.fusion_weights;
create policy tenant_isolation on zenglow.fusion_weights for select
    using ((select zenglow.current_tenant()) is not null
        and tenant_id in ((select zenglow.current_tenant()), '_global'));

drop policy if exists tenant_insert on zenglow.fusion_weights;
create policy tenant_insert on zenglow.fusion_weights for insert
    with check (tenant_id = (select zenglow.current_tenant()));

drop policy if exists owner_maintenance on zenglow.fusion_weights;
create policy owner_maintenance on zenglow.fusion_weights to zenglow_owner
    using (zenglow.in_maintenance_mode())
    with check (zenglow.in_maintenance_mode());
