set local role zenglow_owner;

create or replace function zenglow.create_tenant(p_tenant_id text, p_display_name text default '')
returns text
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Registers a tenant (operators: `zenglow tenants create`; row-level security keeps the tenants
-- table closed otherwise). Creating one that exists changes nothing, whatever its state or
-- display name. An id that is not 1 to 63 lowercase letters, digits, _ and -, starting with a
-- letter or digit, and the reserved _global, are refused with ZG009 before the table's check
-- constraint could answer with a raw 23514.
begin
    if p_tenant_id = '_global' then
        raise exception using errcode = 'ZG009', message = 'tenant id ''_global'' is reserved',
            detail = '_global holds the defaults every tenant starts from (fusion weights) and is never a tenant',
            hint = 'choose another id: 1 to 63 lowercase letters, digits, _ and -, starting with a letter or digit';
    end if;
    if p_tenant_id is null or p_tenant_id !~ '^[a-z0-9][a-z0-9_-]{0,62}$' then
        raise exception using errcode = 'ZG009',
            message = format('tenant id %s is not valid', coalesce(quote_literal(left(p_tenant_id, 100)), 'null')),
            hint = 'a tenant id is 1 to 63 lowercase letters, digits, _ and -, starting with a letter or digit (e.g. acme-eu)';
    end if;
    perform zenglow.maintenance_mode(true);
    insert into zenglow.tenants (tenant_id, display_name) values (p_tenant_id, coalesce(p_display_name, ''))
    on conflict (tenant_id) do nothing;
    perform zenglow.maintenance_mode(false);
    return p_tenant_id;
end
$$;

revoke all on function zenglow.create_tenant(text, text) from public;

comment on function zenglow.create_tenant(text, text) is
    'Registers a tenant (idempotent: an existing one is left as it is); returns its id. ZG009 for an invalid id or _global.';
