set local role zenglow_owner;

create or replace function zenglow.in_maintenance_mode()
returns boolean
language sql
stable
parallel safe
as $$
    -- Used by the owner-only policies; see zenglow.maintenance_mode.
    select current_user = 'zenglow_owner' and coalesce(current_setting('zenglow.maintenance', true), '') = 'on'
$$;
