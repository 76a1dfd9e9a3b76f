set local role zenglow_owner;

create or replace function zenglow_audit.append(p_actor text, p_action text, p_subject text, p_details jsonb)
returns bigint
language plpgsql
volatile
security definer
set search_path = pg_catalog, pg_temp
as $$
-- The only way the app and ingest roles write the audit log: one row in the current tenant's
-- chain (ZG001 without a tenant). Rolled back with the caller's transaction like any write.
begin
    return zenglow_audit.append_for(zenglow.require_tenant(), p_actor, p_action, p_subject, p_details);
end
$$;

comment on function zenglow_audit.append(text, text, text, jsonb) is
    'Appends an audit row (actor, action, subject, details) to the current tenant''s hash chain; returns its seq.';
