set local role zenglow_owner;

alter table zenglow.term_champion_settings enable row level security;
alter table zenglow.term_champion_settings force row level security;

drop policy if exists tenant_isolation on zenglow.term_champion_settings;
create policy tenant_isolation on zenglow.term_champion_settings
    using (tenant_id = (select zenglow.current_tenant()))
    with check (tenant_id = (select zenglow.current_tenant()));

drop policy if exists owner_maintenance on zenglow.term_champion_settings;
create policy owner_maintenance on zenglow.term_champion_settings to zenglow_owner
    using (zenglow.in_maintenance_mode())
    with check (zenglow.in_maintenance_mode());
