set local role zenglow_owner;

create or replace view zenglow_stats.partition_counts
with (security_invoker = true)
as
-- How ZenGlow's time-partitioned tables are stored and how far back they reach, on any server:
-- native partitions and TimescaleDB chunks are both children in pg_inherits, so this reads only
-- pg_catalog (readable by every role, with or without TimescaleDB). A hypertable is known by the
-- insert-blocker trigger TimescaleDB puts on it; a partition's range is its partition bound, a
-- chunk's the time check constraint TimescaleDB gives it (both printed, and read back, in the
-- session's own date style).
with tables as (
    select c.oid, n.nspname || '.' || c.relname as table_name, c.relkind
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'zenglow'
      and c.relname in ('chunks', 'query_performance', 'query_rollup_5m', 'query_rollup_1h', 'query_rollup_1d')
), children as (
    select i.inhparent as parent, k.oid,
        case when k.relispartition then
            (regexp_match(pg_catalog.pg_get_expr(k.relpartbound, k.oid), $re$FROM \('([^']+)'\) TO$re$))[1]
        else (select min((regexp_match(pg_catalog.pg_get_constraintdef(x.oid), $re$>= '([^']+)'$re$))[1])
              from pg_catalog.pg_constraint x where x.conrelid = k.oid and x.contype = 'c') end as lower_text,
        case when k.relispartition then
            (regexp_match(pg_catalog.pg_get_expr(k.relpartbound, k.oid), $re$TO \('([^']+)'\)$re$))[1]
        else (select max((regexp_match(pg_catalog.pg_get_constraintdef(x.oid), $re$[^<>=!]< '([^']+)'$re$))[1])
              from pg_catalog.pg_constraint x where x.conrelid = k.oid and x.contype = 'c') end as upper_text
    from pg_catalog.pg_inherits i
    join pg_catalog.pg_class k on k.oid = i.inhrelid
    where i.inhparent in (select t.oid from tables t)
)
select t.table_name,
    case when t.relkind = 'p' then 'partitioned'
         when exists (select from pg_catalog.pg_trigger g where g.tgrelid = t.oid and g.tgname = 'ts_insert_blocker')
             then 'hypertable'
         else 'plain' end as storage,
    (select count(*) from children h where h.parent = t.oid) as partitions,
    (select min(h.lower_text::timestamptz) from children h where h.parent = t.oid) as oldest_bound,
    (select max(h.upper_text::timestamptz) from children h where h.parent = t.oid) as newest_bound,
    pg_catalog.pg_total_relation_size(t.oid)
        + coalesce((select sum(pg_catalog.pg_total_relation_size(h.oid)) from children h where h.parent = t.oid), 0)::bigint
        as total_bytes
from tables t;

comment on view zenglow_stats.partition_counts is
    'How zenglow.chunks, zenglow.query_performance and the query rollup tables are stored: as a TimescaleDB hypertable, '
    'natively partitioned or plain; how many partitions (or chunks) they have, the time range those cover and their size.';
comment on column zenglow_stats.partition_counts.table_name is 'The table, schema-qualified (zenglow.chunks, zenglow.query_performance, zenglow.query_rollup_5m, …).';
comment on column zenglow_stats.partition_counts.storage is
    'hypertable (TimescaleDB chunks), partitioned (PostgreSQL range partitions) or plain (one table).';
comment on column zenglow_stats.partition_counts.partitions is
    'Partitions or chunks attached, the default partition included (it holds rows no range partition covers); 0 for a plain table.';
comment on column zenglow_stats.partition_counts.oldest_bound is
    'The lower bound of the oldest range partition or chunk: no older row can be there. Null without any.';
comment on column zenglow_stats.partition_counts.newest_bound is
    'The upper bound (exclusive) of the newest range partition or chunk: partitions are made ahead of time, so often in the future.';
comment on column zenglow_stats.partition_counts.total_bytes is
    'Bytes on disk of the table and all its partitions or chunks, indexes and TOAST included (pg_total_relation_size).';
