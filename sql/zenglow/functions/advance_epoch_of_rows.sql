set local role zenglow_owner;

create or replace function zenglow.advance_epoch_of_rows()
returns trigger
language plpgsql
as $$
-- Advances the corpus epoch of the tenants of the rows written, for tables whose rows are small
-- and name their tenant: as a row trigger (corpus_stats, written one row per tenant and model by
-- zenglow.add_term_stats, the last lock a load takes) or as a statement trigger with transition
-- tables named new_rows and old_rows (source_priors). zenglow.advance_corpus_epoch lists the paths.
declare
    v_tenant text;
begin
    if tg_level = 'ROW' then
        if tg_op in ('UPDATE', 'DELETE') then
            perform zenglow.advance_corpus_epoch(old.tenant_id);
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
            perform zenglow.advance_corpus_epoch(new.tenant_id);
        end if;
        return null;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        for v_tenant in select distinct n.tenant_id from new_rows n order by 1 loop
            perform zenglow.advance_corpus_epoch(v_tenant);
        end loop;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        for v_tenant in select distinct o.tenant_id from old_rows o order by 1 loop
            perform zenglow.advance_corpus_epoch(v_tenant);
        end loop;
    end if;
    return null;
end
$$;
