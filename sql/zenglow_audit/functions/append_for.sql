set local role zenglow_owner;

create or replace function zenglow_audit.append_for(
    p_tenant_id text,
    p_actor text,
    p_action text,
    p_subject text,
    p_details jsonb
)
returns bigint
language plpgsql
volatile
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Appends one row to a tenant's chain and returns its seq. The chain head row is locked first, so
-- concurrent appends of one tenant queue up and the chain never forks; other tenants don't wait.
-- For the owner's own functions only (e.g. _global changes); roles use zenglow_audit.append.
declare
    v_head zenglow_audit.chain_heads;
    v_seq bigint;
    v_at timestamptz := clock_timestamp();
    v_details jsonb := coalesce(p_details, '{}'::jsonb);
    v_hash bytea;
begin
    -- The columns are not null; say which is missing rather than leaving it to the constraint.
    if p_actor is null or btrim(p_actor) = '' or p_action is null or btrim(p_action) = '' then
        raise exception using errcode = 'ZG009', message = 'an audit record needs an actor and an action',
            detail = format('actor %s, action %s', coalesce(quote_literal(p_actor), 'null'), coalesce(quote_literal(p_action), 'null'));
    end if;
    perform zenglow.maintenance_mode(true);
    insert into zenglow_audit.chain_heads (tenant_id, seq, hash)
    values (p_tenant_id, 0, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
    on conflict on constraint chain_heads_pkey do nothing;
    select * into strict v_head from zenglow_audit.chain_heads h where h.tenant_id = p_tenant_id for update;
    v_seq := v_head.seq + 1;
    v_hash := zenglow_audit.row_hash(v_head.hash, p_tenant_id, v_seq, v_at, p_actor, p_action, coalesce(p_subject, ''), v_details);
    insert into zenglow_audit.events (tenant_id, seq, occurred_at, actor, action, subject, details, prev_hash, hash)
    values (p_tenant_id, v_seq, v_at, p_actor, p_action, coalesce(p_subject, ''), v_details, v_head.hash, v_hash);
    update zenglow_audit.chain_heads h set seq = v_seq, hash = v_hash where h.tenant_id = p_tenant_id;
    perform zenglow.maintenance_mode(false);
    return v_seq;
end
$$;
