set local role zenglow_owner;

alter table zenglow.term_champions enable row level security;
alter table zenglow.term_champions force row level security;

drop policy if exists tenant_isolation on zenglow.term_champions;
create policy tenant_isolation on zenglow.term_champions
    using (tenant_id = (select zenglow.current_tenant()))
    with check (tenant_id = (select zenglow.current_tenant()));

drop policy if exists owner_maintenance on zenglow.term_champions;
create policy owner_maintenance on zenglow.term_champions to zenglow_owner
    using (zenglow.in_maintenance_mode())
    with check (zenglow.in_maintenance_mode());
