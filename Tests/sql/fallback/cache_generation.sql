-- zenglow_api.cache_generation without pgvector and TimescaleDB.
begin;
select plan(29);

\ir ../support/cache_generation.sql

select * from finish();
rollback;
