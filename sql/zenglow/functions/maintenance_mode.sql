set local role zenglow_owner;

create or replace function zenglow.maintenance_mode(p_on boolean)
returns void
language sql
volatile
as $$
    -- Row-level security is forced on every tenant table, for the owner too; the owner sees all
    -- tenants only inside a SECURITY DEFINER function that turns this on and off again.
    select set_config('zenglow.maintenance', case when p_on then 'on' else '' end, true)
$$;
