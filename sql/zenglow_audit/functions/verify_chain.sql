set local role zenglow_owner;

create or replace function zenglow_audit.verify_chain(p_tenant_id text)
returns table (ok boolean, rows_checked bigint, broken_at_seq bigint, problem text)
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Walks a tenant's chain in seq order and reports the first broken link: a missing seq (a row
-- deleted), a prev_hash that is not the previous row's hash (deleted or reordered rows), a hash
-- that does not match the row's content (an edited row), or a chain head that is not the last
-- row (rows deleted from the end).
declare
    v_row zenglow_audit.events;
    v_expected_seq bigint := 1;
    v_expected_prev bytea := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
    v_head zenglow_audit.chain_heads;
begin
    perform zenglow.maintenance_mode(true);
    for v_row in select * from zenglow_audit.events e where e.tenant_id = p_tenant_id order by e.seq loop
        if v_row.seq <> v_expected_seq then
            perform zenglow.maintenance_mode(false);
            perform zenglow.maintenance_mode(false);
        return query select false, v_expected_seq - 1, v_expected_seq,
                format('row %s is missing (the next row is %s)', v_expected_seq, v_row.seq);
            return;
        end if;
        if v_row.prev_hash <> v_expected_prev then
            perform zenglow.maintenance_mode(false);
            perform zenglow.maintenance_mode(false);
        return query select false, v_expected_seq - 1, v_row.seq,
                format('row %s does not follow row %s (prev_hash differs): rows were removed or reordered', v_row.seq, v_row.seq - 1);
            return;
        end if;
        if v_row.hash <> zenglow_audit.row_hash(v_row.prev_hash, v_row.tenant_id, v_row.seq, v_row.occurred_at,
                v_row.actor, v_row.action, v_row.subject, v_row.details) then
            perform zenglow.maintenance_mode(false);
            perform zenglow.maintenance_mode(false);
        return query select false, v_expected_seq - 1, v_row.seq,
                format('row %s was changed after it was written (its hash does not match its content)', v_row.seq);
            return;
        end if;
        v_expected_prev := v_row.hash;
        v_expected_seq := v_expected_seq + 1;
    end loop;
    select * into v_head from zenglow_audit.chain_heads h where h.tenant_id = p_tenant_id;
    if coalesce(v_head.seq, 0) <> v_expected_seq - 1 or coalesce(v_head.hash, v_expected_prev) <> v_expected_prev then
        perform zenglow.maintenance_mode(false);
        return query select false, v_expected_seq - 1, v_expected_seq,
            format('the chain ends at row %s but its head says %s: rows were removed from the end', v_expected_seq - 1, v_head.seq);
        return;
    end if;
    perform zenglow.maintenance_mode(false);
    return query select true, v_expected_seq - 1, null::bigint, null::text;
end
$$;

comment on function zenglow_audit.verify_chain(text) is
    'Verifies a tenant''s audit hash chain: ok, rows_checked, and the first broken link (broken_at_seq, problem).';
