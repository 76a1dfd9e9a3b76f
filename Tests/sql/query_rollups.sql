-- The query rollups and their real-time views with TimescaleDB (query_performance a hypertable).
begin;
select plan(38);

\ir support/query_rollups.sql

select * from finish();
rollback;
