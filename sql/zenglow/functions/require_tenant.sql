set local role zenglow_owner;

create or replace function zenglow.require_tenant()
returns text
language plpgsql
stable
as $$
-- The current tenant, or an error for functions that write: they refuse rather than guess.
declare
    v_tenant text := zenglow.current_tenant();
begin
    if v_tenant is null then
        raise exception using
            errcode = 'ZG001',
            message = 'no tenant is set for this transaction',
            detail = format('zenglow.tenant_id is %s', coalesce(quote_literal(nullif(current_setting('zenglow.tenant_id', true), '')), 'unset')),
            hint = 'run `set local zenglow.tenant_id = ''<tenant>''` in the same transaction, with an active tenant';
    end if;
    return v_tenant;
end
$$;
