set local role zenglow_owner;

alter table zenglow.retrieval_settings enable row level security;
alter table zenglow.retrieval_settings force row level security;

-- A tenant reads its own versions and the global ones it falls back to, and writes its own.
drop policy if exists tenant_isolation on zenglow.retrieval_settings;
create policy tenant_isolation on zenglow.retrieval_settings for select
    using ((select zenglow.current_tenant()) is not null
        and tenant_id in ((select zenglow.current_tenant()), '_global'));

drop policy if exists tenant_insert on zenglow.retrieval_settings;
create policy tenant_insert on zenglow.retrieval_settings for insert
    with check (tenant_id = (select zenglow.current_tenant()));

-- The owner writes _global versions (zenglow.set_global_retrieval_settings) in maintenance mode.
drop policy if exists owner_maintenance on zenglow.retrieval_settings;
create policy owner_maintenance on zenglow.retrieval_settings to zenglow_owner
    using (zenglow.in_maintenance_mode())
    with check (zenglow.in_maintenance_mode());

-- Analysts see every tenant's versions; read only.
drop policy if exists analyst_read on zenglow.retrieval_settings;
create policy analyst_read on zenglow.retrieval_settings for select to zenglow_analyst
    using (true);
