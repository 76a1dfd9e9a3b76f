set local role zenglow_owner;

create or replace function zenglow.advance_every_corpus_epoch()
returns void
language plpgsql
volatile
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Advances the corpus epoch of every tenant, once per transaction: for changes that are not
-- confined to one tenant (a TRUNCATE, a write in maintenance mode or by a superuser, an LTR
-- model changed in place). Rare, and cheaper than finding out whom they concerned. See
-- zenglow.advance_corpus_epoch for the paths; maintenance mode is restored as the caller had it.
declare
    v_maintenance text := coalesce(current_setting('zenglow.maintenance', true), '');
    v_advanced text := coalesce(current_setting('zenglow.corpus_epochs_advanced', true), '');
begin
    if v_advanced = '*' then
        return;
    end if;
    perform zenglow.maintenance_mode(true);
    -- Tenants advanced earlier in this transaction keep that one advance.
    insert into zenglow.corpus_epochs as e (tenant_id, epoch, advanced_at)
    select t.tenant_id, 1, now() from zenglow.tenants t
    where t.tenant_id <> '_global' and strpos(v_advanced, ',' || t.tenant_id || ',') = 0
    order by t.tenant_id
    on conflict (tenant_id) do update set epoch = e.epoch + 1, advanced_at = now();
    perform set_config('zenglow.corpus_epochs_advanced', '*', true);
    perform set_config('zenglow.maintenance', v_maintenance, true);
end
$$;

revoke all on function zenglow.advance_every_corpus_epoch() from public;

comment on function zenglow.advance_every_corpus_epoch() is
    'Advances every tenant''s corpus epoch once per transaction (changes not confined to one tenant).';
