set local role zenglow_owner;

create or replace function zenglow.is_hypertable(p_table regclass)
returns boolean
language plpgsql
stable
as $$
-- Whether TimescaleDB manages the table; false when TimescaleDB is not installed. Dynamic SQL, so
-- the function compiles on servers without TimescaleDB's catalog.
declare
    v_found boolean := false;
begin
    if to_regclass('_timescaledb_catalog.hypertable') is null then
        return false;
    end if;
    execute 'select exists (select from _timescaledb_catalog.hypertable h
                            join pg_namespace n on n.nspname = h.schema_name
                            join pg_class c on c.relnamespace = n.oid and c.relname = h.table_name
                            where c.oid = $1)'
        into v_found using p_table;
    return v_found;
end
$$;
