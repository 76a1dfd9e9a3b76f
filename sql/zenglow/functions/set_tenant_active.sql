set local role zenglow_owner;

create or replace function zenglow.set_tenant_active(p_tenant_id text, p_active boolean)
returns boolean
language plpgsql
volatile
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Enables or disables a tenant (`zenglow tenants enable|disable`) and returns its previous
-- state. An inactive tenant sees nothing: zenglow.current_tenant() is null for it, so every
-- policy matches no row and every writing function refuses (ZG001); its data stays. A change is
-- appended to the tenant's audit chain in the same transaction, as fusion-weight changes are:
-- actor the connected role (session_user; operators run this as the owner or a superuser),
-- details {old, new, reason}, the reason from the transaction-local setting zenglow.audit_reason
-- when the caller set one. Setting the state it already has changes and audits nothing.
-- ZG007 for a missing tenant, ZG009 for _global or a null state.
declare
    v_previous boolean;
begin
    if p_tenant_id = '_global' then
        raise exception using errcode = 'ZG009', message = 'tenant id ''_global'' is reserved',
            detail = '_global holds the defaults every tenant starts from and is never active or inactive';
    end if;
    if p_active is null then
        raise exception using errcode = 'ZG009', message = 'the new state must be true (active) or false (inactive), not null';
    end if;
    perform zenglow.maintenance_mode(true);
    -- The row lock makes concurrent changes of one tenant queue, so "previous" is what was replaced.
    select t.active into v_previous from zenglow.tenants t where t.tenant_id = p_tenant_id for update;
    if not found then
        perform zenglow.maintenance_mode(false);
        raise exception using errcode = 'ZG007', message = format('tenant %L does not exist', p_tenant_id),
            hint = format('create it with: zenglow tenants create %s', p_tenant_id);
    end if;
    if v_previous is distinct from p_active then
        update zenglow.tenants t set active = p_active where t.tenant_id = p_tenant_id;
        perform zenglow_audit.append_for(p_tenant_id, session_user::text,
            case when p_active then 'tenant.enable' else 'tenant.disable' end, 'tenants/' || p_tenant_id,
            jsonb_build_object('old', jsonb_build_object('active', v_previous), 'new', jsonb_build_object('active', p_active),
                'reason', nullif(current_setting('zenglow.audit_reason', true), '')));
    end if;
    perform zenglow.maintenance_mode(false);
    return v_previous;
end
$$;

revoke all on function zenglow.set_tenant_active(text, boolean) from public;

comment on function zenglow.set_tenant_active(text, boolean) is
    'Enables (true) or disables (false) a tenant, audited in its chain; returns the previous state. '
    'ZG007 no such tenant, ZG009 _global.';
