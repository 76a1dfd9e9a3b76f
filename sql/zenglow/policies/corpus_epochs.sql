set local role zenglow_owner;

alter table zenglow.corpus_epochs enable row level security;
alter table zenglow.corpus_epochs force row level security;

-- Read under the tenant's scope (zenglow_api.cache_generation); written only by
-- zenglow.advance_corpus_epoch and zenglow.advance_every_corpus_epoch, in maintenance mode.
drop policy if exists tenant_isolation on zenglow.corpus_epochs;
create policy tenant_isolation on zenglow.corpus_epochs for select
    using (tenant_id = (select zenglow.current_tenant()));

drop policy if exists owner_maintenance on zenglow.corpus_epochs;
create policy owner_maintenance on zenglow.corpus_epochs to zenglow_owner
    using (zenglow.in_maintenance_mode())
    with check (zenglow.in_maintenance_mode());
