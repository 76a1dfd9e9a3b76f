set local role zenglow_owner;

alter table zenglow.term_stats enable row level security;
alter table zenglow.term_stats force row level security;

drop policy if exists tenant_isolation on zenglow.term_stats;
create policy tenant_isolation on zenglow.term_stats
    using (tenant_id = (select zenglow.current_tenant()))
    with check (tenant_id = (select zenglow.current_tenant()));

drop policy if exists owner_maintenance on zenglow.term_stats;
create policy owner_maintenance on zenglow.term_stats to zenglow_owner
    using (zenglow.in_maintenance_mode())
    with check (zenglow.in_maintenance_mode());
