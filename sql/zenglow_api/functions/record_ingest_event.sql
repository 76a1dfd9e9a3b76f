set local role zenglow_owner;

create or replace function zenglow_api.record_ingest_event(p_tenant text, p_action text, p_subject text, p_details jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Writes the spool worker's audit record of a failed or healed load (ingest.failed,
-- ingest.healed) into the hash chain of the tenant it concerns. A failed file may name no tenant,
-- or one that does not exist, and its load never set one, so this takes the tenant as an argument
-- (as the owner, since zenglow_audit.append only writes the current tenant's chain): a tenant
-- that exists gets the row, active or not; otherwise it goes to the _global chain with the name
-- it gave in details.claimed_tenant. The actor is the database login that reported it. Only
-- these two actions, of bounded size: the ingest role cannot write anything else into another
-- tenant's trail.
declare
    v_tenant text;
    v_details jsonb := coalesce(p_details, '{}'::jsonb);
    v_seq bigint;
begin
    if p_action is null or p_action not in ('ingest.failed', 'ingest.healed') then
        raise exception using errcode = 'ZG009',
            message = format('%s is not an ingest event', coalesce(quote_literal(left(p_action, 200)), 'null')),
            hint = 'the spool worker records ingest.failed and ingest.healed';
    end if;
    if jsonb_typeof(v_details) <> 'object' then
        raise exception using errcode = 'ZG009', message = format('details are a JSON object, not %s', jsonb_typeof(v_details));
    end if;
    if octet_length(v_details::text) > 16384 or octet_length(p_subject) > 1024 then
        raise exception using errcode = 'ZG009', message = 'an ingest event has at most 1024 bytes of subject and 16384 of details',
            detail = format('subject %s bytes, details %s', coalesce(octet_length(p_subject), 0), octet_length(v_details::text));
    end if;
    if zenglow.tenant_state(p_tenant) is not null then
        v_tenant := p_tenant;
    else
        v_tenant := '_global';
        if p_tenant is distinct from '_global' then
            v_details := v_details || jsonb_build_object('claimed_tenant', left(p_tenant, 200));
        end if;
    end if;
    v_seq := zenglow_audit.append_for(v_tenant, session_user::text, p_action, p_subject, v_details);
    return jsonb_build_object('tenant_id', v_tenant, 'seq', v_seq);
end
$$;

comment on function zenglow_api.record_ingest_event(text, text, text, jsonb) is
    'Appends the spool worker''s ingest.failed or ingest.healed audit record to the tenant''s hash chain (_global, with '
    'details.claimed_tenant, when the tenant does not exist); returns {tenant_id, seq}. '
    'Errors: ZG009 another action, details that are not an object, a subject over 1024 or details over 16384 bytes.';
