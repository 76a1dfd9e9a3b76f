set local role zenglow_owner;

create or replace function zenglow.maintenance_analyze_partitions(
    p_min_rows bigint default 10000,
    p_fraction double precision default 0.1
)
returns text[]
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Maintenance step 6: ANALYZEs the partitions of zenglow.chunks and zenglow.query_performance
-- (TimescaleDB chunks included) whose rows changed since their last analyze by more than
-- greatest(p_min_rows, p_fraction × their estimated rows); returns them, as `schema.name`.
-- On top of autovacuum, which gets there too, but up to a naptime later and behind every other
-- table of the cluster: a spool load of a few hundred thousand chunks is queried at once, and a
-- fresh partition without statistics is planned as if it were empty. The fraction is
-- autovacuum's own analyze scale factor (so this only brings forward work autovacuum would do);
-- the floor keeps the trickle of single writes, and small partitions, to autovacuum. Statistics
-- are read fresh (pg_stat_clear_snapshot): a run earlier in this transaction must not hide a
-- load committed since. Only partitions the function's owner owns (ANALYZE skips the others
-- with a warning). Safe to call alone (waits for a run in progress).
declare
    v_partition record;
    v_analyzed text[] := '{}';
begin
    perform pg_advisory_xact_lock(hashtextextended('zenglow.run_maintenance', 0));
    perform pg_stat_clear_snapshot();
    for v_partition in
        select c.oid::regclass as partition
        from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        join pg_stat_all_tables s on s.relid = c.oid
        where i.inhparent in ('zenglow.chunks'::regclass, 'zenglow.query_performance'::regclass)
            and c.relkind = 'r'
            and c.relowner = (select oid from pg_roles where rolname = current_user)
            and s.n_mod_since_analyze > greatest(p_min_rows, p_fraction * greatest(c.reltuples, 0))
        order by c.oid::regclass::text
    loop
        execute format('analyze %s', v_partition.partition);
        v_analyzed := v_analyzed || v_partition.partition::text;
    end loop;
    return v_analyzed;
end
$$;

revoke all on function zenglow.maintenance_analyze_partitions(bigint, double precision) from public;

comment on function zenglow.maintenance_analyze_partitions(bigint, double precision) is
    'Maintenance step 6: ANALYZEs chunks and query_performance partitions changed by more than greatest(p_min_rows, '
    'p_fraction of their rows) since their last analyze; returns those analyzed.';
