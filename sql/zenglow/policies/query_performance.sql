set local role zenglow_owner;

alter table zenglow.query_performance enable row level security;
alter table zenglow.query_performance force row level security;

drop policy if exists tenant_isolation on zenglow.query_performance;
create policy tenant_isolation on zenglow.query_performance to zenglow_app, zenglow_ingest, zenglow_owner
    using (tenant_id = (select zenglow.current_tenant()))
    with check (tenant_id = (select zenglow.current_tenant()));

-- Analysts study every tenant's latency; they read, never write.
drop policy if exists analyst_read on zenglow.query_performance;
create policy analyst_read on zenglow.query_performance for select to zenglow_analyst
    using (true);

drop policy if exists owner_maintenance on zenglow.query_performance;
create policy owner_maintenance on zenglow.query_performance to zenglow_owner
    using (zenglow.in_maintenance_mode())
    with check (zenglow.in_maintenance_mode());
