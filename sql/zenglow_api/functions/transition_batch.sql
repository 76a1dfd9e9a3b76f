set local role zenglow_owner;

create or replace function zenglow_api.transition_batch(
    p_batch_id bigint,
    p_state text,
    p_reason text default null,
    p_accepted bigint default null,
    p_rejected bigint default null,
    p_by_source jsonb default null,
    p_detail text default null
)
returns jsonb
language plpgsql
volatile
as $$
-- Moves one of the current tenant's batches to p_state (see zenglow.check_batch_transition),
-- with its counts and reason; the manifest trigger announces it in the same transaction.
declare
    v_tenant text := zenglow.require_tenant();
    v_batch zenglow.batches;
begin
    -- The values the batches table's constraints hold, refused here with a message that says so.
    if p_state is null or p_state not in ('open', 'loading', 'done', 'failed', 'healed') then
        raise exception using errcode = 'ZG009', message = format('unknown batch state %s', coalesce(quote_literal(p_state), 'null')),
            hint = 'states are open, loading, done, failed and healed';
    end if;
    if p_state = 'failed' and p_reason is not null and p_reason not in ('failed', 'partition_missing', 'other_error') then
        raise exception using errcode = 'ZG009', message = format('unknown reason %L for a failed batch', p_reason),
            hint = 'reasons of a failure are failed, partition_missing and other_error';
    end if;
    if p_accepted < 0 or p_rejected < 0 then
        raise exception using errcode = 'ZG009',
            message = format('accepted and rejected must be 0 or more, not %s and %s',
                coalesce(p_accepted::text, 'null'), coalesce(p_rejected::text, 'null'));
    end if;
    update zenglow.batches b set
        state = p_state,
        reason = case
            when p_state = 'done' then 'success'
            when p_state = 'healed' then 'healed_partition'
            when p_state = 'failed' then coalesce(p_reason, 'failed')
            else null end,
        accepted = coalesce(p_accepted, b.accepted),
        rejected = coalesce(p_rejected, b.rejected),
        by_source = coalesce(p_by_source, b.by_source),
        detail = coalesce(p_detail, b.detail)
    where b.tenant_id = v_tenant and b.batch_id = p_batch_id
    returning * into v_batch;
    if not found then
        raise exception using errcode = 'ZG007', message = format('no batch %s for this tenant', coalesce(p_batch_id::text, 'null'));
    end if;
    return to_jsonb(v_batch);
end
$$;

comment on function zenglow_api.transition_batch(bigint, text, text, bigint, bigint, jsonb, text) is
    'Moves a batch of the current tenant to open/loading/done/failed/healed with counts and reason. '
    'Errors: ZG001 no tenant, ZG003 transition not allowed, ZG007 no such batch, ZG009 unknown state or reason, negative counts.';
