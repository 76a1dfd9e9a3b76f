-- Without TimescaleDB: the same as Tests/sql/maintenance_analyze.sql over query_performance's daily
-- partitions (a large load into the partition of today is analyzed, a small one or none is not).
begin;
select plan(7);

\ir ../support/maintenance_analyze.sql

select * from finish();
rollback;
