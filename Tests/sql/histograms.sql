-- zenglow_stats' latency histograms on a database with every capability.
begin;
select plan(20);

\ir support/histograms.sql

select * from finish();
rollback;
