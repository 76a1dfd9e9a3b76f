set local role zenglow_owner;

create or replace function zenglow.backup_row_counts()
returns table (table_name text, row_count bigint)
language plpgsql
stable
set search_path = pg_catalog, pg_temp
set row_security = off
as $$
-- Exact row counts of every ZenGlow table (schemas zenglow, zenglow_audit, zenglow_stats,
-- zenglow_migrations), for a backup's manifest and for checking its restore. Parents only: a
-- partitioned table's count covers its partitions, and a TimescaleDB hypertable's its chunks
-- (which live in _timescaledb_internal), so a row is counted once wherever it is stored. Runs
-- with the caller's rights and row_security off: a caller whom row-level security would filter
-- gets an error instead of a count that silently misses other tenants' rows.
declare
    v_table record;
begin
    for v_table in
        select n.nspname, c.relname
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('zenglow', 'zenglow_audit', 'zenglow_stats', 'zenglow_migrations')
            and c.relkind in ('r', 'p')
            and not c.relispartition
        order by n.nspname, c.relname
    loop
        table_name := v_table.nspname || '.' || v_table.relname;
        execute format('select count(*) from %I.%I', v_table.nspname, v_table.relname) into row_count;
        return next;
    end loop;
end
$$;

revoke all on function zenglow.backup_row_counts() from public;

comment on function zenglow.backup_row_counts() is
    'Exact row counts of every ZenGlow table (partitioned tables and hypertables as one), as recorded in a backup''s manifest.';
