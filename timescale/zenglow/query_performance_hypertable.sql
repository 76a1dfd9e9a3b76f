-- zenglow:requires timescaledb
-- zenglow.query_performance as a hypertable of one-day chunks. Only where the migration created
-- a plain table (TimescaleDB was installed then); a natively partitioned one stays as it is.
set local role zenglow_owner;

do $hypertable$
begin
    if exists (select from pg_extension where extname = 'timescaledb')
        and (select relkind from pg_class where oid = 'zenglow.query_performance'::regclass) = 'r' then
        perform create_hypertable('zenglow.query_performance', by_range('ts', interval '1 day'),
            if_not_exists => true, migrate_data => true);
    end if;
end
$hypertable$;
