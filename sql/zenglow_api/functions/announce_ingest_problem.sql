set local role zenglow_owner;

create or replace function zenglow_api.announce_ingest_problem(p_tag text, p_reason text, p_message text)
returns void
language plpgsql
volatile
as $$
-- Tells the current tenant's listeners (the API's /events, dashboards) that a batch failed before
-- it got a manifest row: its load was refused and rolled back (the partition could not be made,
-- the content was invalid, the database went away), so no trigger announced anything. The event
-- has the manifest's shape with batch_id null and the tag instead. Channels carry ids and states
-- only, so p_message goes to the server log, not into the payload; the caller keeps the full
-- story (failed/NAME.reason.json, the failure log, the audit event).
declare
    v_tenant text := zenglow.require_tenant();
begin
    if p_tag is null or p_tag !~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' then
        raise exception using errcode = 'ZG009', message = format('batch tag %s is not valid', coalesce(quote_literal(left(p_tag, 200)), 'null')),
            hint = '1 to 128 letters, digits, ., _, : and -, starting with a letter or digit';
    end if;
    if p_reason is null or p_reason not in ('failed', 'partition_missing', 'other_error') then
        raise exception using errcode = 'ZG009', message = format('unknown reason %s for a failed batch', coalesce(quote_literal(left(p_reason, 200)), 'null')),
            hint = 'reasons of a failure are failed, partition_missing and other_error';
    end if;
    raise log 'zenglow: batch % of tenant % failed before loading (%): %', p_tag, v_tenant, p_reason, left(coalesce(p_message, ''), 1000);
    perform pg_notify('zenglow_manifest',
        json_build_object('tenant_id', v_tenant, 'batch_id', null, 'batch_tag', p_tag, 'state', 'failed', 'reason', p_reason)::text);
end
$$;

comment on function zenglow_api.announce_ingest_problem(text, text, text) is
    'Announces on zenglow_manifest that a batch of the current tenant failed before it had a manifest: '
    '{tenant_id, batch_id: null, batch_tag, state: failed, reason}, at commit; the message goes to the server log only. '
    'Errors: ZG001 no tenant, ZG009 a malformed tag or a reason other than failed, partition_missing, other_error.';
