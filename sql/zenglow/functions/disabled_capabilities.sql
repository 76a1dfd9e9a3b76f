set local role zenglow_owner;

create or replace function zenglow.disabled_capabilities()
returns text[]
language sql
stable
as $$
    -- Capabilities the database setting zenglow.disable_capabilities says to treat as absent
    -- (used to exercise the plain-PostgreSQL fallbacks on a server that has everything).
    select coalesce(
        string_to_array(nullif(replace(coalesce(current_setting('zenglow.disable_capabilities', true), ''), ' ', ''), ''), ','),
        '{}'::text[])
$$;
