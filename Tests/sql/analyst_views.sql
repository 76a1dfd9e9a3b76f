-- zenglow_stats' ingestion, drift, weight and partition views on a database with every capability.
begin;
select plan(46);

\ir support/analyst_views.sql

select * from finish();
rollback;
