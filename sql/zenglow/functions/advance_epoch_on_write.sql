set local role zenglow_owner;

create or replace function zenglow.advance_epoch_on_write()
returns trigger
language plpgsql
as $$
-- Statement trigger: a write to a table retrieval reads advances the corpus epoch of whom it may
-- have changed (zenglow.advance_corpus_epoch lists the paths). Runs as the writer, because whom
-- a statement could reach depends on the writer:
--   - a TRUNCATE, a table without tenants (trigger argument 'every'), or a statement row-level
--     security did not confine (maintenance mode, a superuser or BYPASSRLS): every tenant;
--   - otherwise the transaction's tenant, the only one whose rows the statement could touch (an
--     unset or inactive tenant touches none: nothing to advance).
-- Without transition tables: chunks are large rows, and capturing a batch's rows again just to
-- read one tenant id would cost more than the rest of this. Skipped while a ZenGlow function
-- says it handles the epoch itself (zenglow.epoch_handled = on), see advance_corpus_epoch.
declare
    v_tenant text;
begin
    if coalesce(current_setting('zenglow.epoch_handled', true), '') = 'on' then
        return null;
    end if;
    if tg_op = 'TRUNCATE' or 'every' = any (tg_argv) or zenglow.in_maintenance_mode()
        or not row_security_active(tg_relid) then
        perform zenglow.advance_every_corpus_epoch();
        return null;
    end if;
    v_tenant := zenglow.current_tenant();
    if v_tenant is not null then
        perform zenglow.advance_corpus_epoch(v_tenant);
    end if;
    return null;
end
$$;
