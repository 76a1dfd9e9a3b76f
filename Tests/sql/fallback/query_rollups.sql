-- The query rollups and their real-time views without pgvector and TimescaleDB (query_performance partitioned by day).
begin;
select plan(38);

\ir ../support/query_rollups.sql

select * from finish();
rollback;
