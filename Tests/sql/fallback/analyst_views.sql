-- zenglow_stats' ingestion, drift, weight and partition views without pgvector and TimescaleDB.
begin;
select plan(46);

\ir ../support/analyst_views.sql

select * from finish();
rollback;
