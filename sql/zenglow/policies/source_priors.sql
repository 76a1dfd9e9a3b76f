set local role zenglow_owner;

alter table zenglow.source_priors enable row level security;
alter table zenglow.source_priors force row level security;

drop policy if exists tenant_isolation on zenglow.source_priors;
create policy tenant_isolation on zenglow.source_priors
    using (tenant_id = (select zenglow.current_tenant()))
    with check (tenant_id = (select zenglow.current_tenant()));

drop policy if exists owner_maintenance on zenglow.source_priors;
create policy owner_maintenance on zenglow.source_priors to zenglow_owner
    using (zenglow.in_maintenance_mode())
    with check (zenglow.in_maintenance_mode());
