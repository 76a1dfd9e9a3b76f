set local role zenglow_owner;

alter table zenglow.term_champion_lists enable row level security;
alter table zenglow.term_champion_lists force row level security;

drop policy if exists tenant_isolation on zenglow.term_champion_lists;
create policy tenant_isolation on zenglow.term_champion_lists
    using (tenant_id = (select zenglow.current_tenant()))
    with check (tenant_id = (select zenglow.current_tenant()));

drop policy if exists owner_maintenance on zenglow.term_champion_lists;
create policy owner_maintenance on zenglow.term_champion_lists to zenglow_owner
    using (zenglow.in_maintenance_mode())
    with check (zenglow.in_maintenance_mode());
