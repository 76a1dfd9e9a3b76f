-- Per-request stage timings written by the API. With TimescaleDB, timescale/ turns this table
-- into a hypertable; without it, the table is natively partitioned by day and run_maintenance
-- creates and drops the partitions. Same name and columns either way.
set local role zenglow_owner;

do $query_performance$
declare
    v_partitioning text := case
        when exists (select from pg_extension where extname = 'timescaledb') then ''
        else 'partition by range (ts)'
    end;
begin
    execute format($ddl$
        create table zenglow.query_performance (
            ts timestamptz not null default now(),
            tenant_id text not null references zenglow.tenants (tenant_id),
            request_id text,
            endpoint text not null,
            status integer not null,
            top_k integer,
            cache_hit boolean not null default false,
            result_count integer,
            weights_version bigint,
            model text,
            embed_ms double precision,
            retrieve_ms double precision,
            features_ms double precision,
            ltr_ms double precision,
            fusion_ms double precision,
            total_ms double precision not null
        ) %s
    $ddl$, v_partitioning);
    if v_partitioning <> '' then
        create table zenglow.query_performance_default partition of zenglow.query_performance default;
    end if;
end
$query_performance$;

create index query_performance_tenant_ts on zenglow.query_performance (tenant_id, ts desc);

comment on table zenglow.query_performance is
    'Stage timings of every API request (milliseconds). A TimescaleDB hypertable where TimescaleDB '
    'is present, a table partitioned by day otherwise. Analysts read zenglow_stats.';
