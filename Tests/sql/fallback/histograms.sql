-- zenglow_stats' latency histograms without pgvector and TimescaleDB.
begin;
select plan(20);

\ir ../support/histograms.sql

select * from finish();
rollback;
