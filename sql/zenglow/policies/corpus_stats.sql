set local role zenglow_owner;

alter table zenglow.corpus_stats enable row level security;
alter table zenglow.corpus_stats force row level security;

drop policy if exists tenant_isolation on zenglow.corpus_stats;
create policy tenant_isolation on zenglow.corpus_stats
    using (tenant_id = (select zenglow.current_tenant()))
    with check (tenant_id = (select zenglow.current_tenant()));

drop policy if exists owner_maintenance on zenglow.corpus_stats;
create policy owner_maintenance on zenglow.corpus_stats to zenglow_owner
    using (zenglow.in_maintenance_mode())
    with check (zenglow.in_maintenance_mode());
