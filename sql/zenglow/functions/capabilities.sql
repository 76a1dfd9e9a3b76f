set local role zenglow_owner;

create or replace function zenglow.capabilities()
returns table (
    pgvector text,
    timescaledb text,
    timescaledb_license text,
    pg_cron boolean,
    embedding_storage text,
    query_performance_storage text,
    server_version text
)
language sql
stable
as $$
    -- What this database actually uses, detected from the catalogs, never assumed: extension
    -- versions, and which storage the capability-dependent tables got when they were created.
    select
        (select extversion from pg_extension where extname = 'vector'),
        (select extversion from pg_extension where extname = 'timescaledb'),
        case when exists (select from pg_extension where extname = 'timescaledb')
            then coalesce(current_setting('timescaledb.license', true), 'timescale') end,
        exists (select from pg_extension where extname = 'pg_cron'),
        (select format_type(a.atttypid, a.atttypmod)
         from pg_attribute a
         where a.attrelid = 'zenglow.chunks'::regclass and a.attname = 'embedding' and not a.attisdropped),
        case
            when (select c.relkind from pg_class c where c.oid = 'zenglow.query_performance'::regclass) = 'p' then 'partitioned'
            when exists (select from pg_extension where extname = 'timescaledb')
                and zenglow.is_hypertable('zenglow.query_performance'::regclass) then 'hypertable'
            else 'table'
        end,
        current_setting('server_version')
$$;

comment on function zenglow.capabilities() is
    'pgvector and TimescaleDB versions, TimescaleDB license (apache or timescale), pg_cron presence, and the storage '
    'chosen for embeddings (vector or real[]) and query_performance (hypertable or partitioned).';
