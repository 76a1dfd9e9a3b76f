-- zenglow_api.cache_generation without pgvector and TimescaleDB.
begin;
select plan(26);

\ir ../support/cache_generation.sql

select * from finish();
rollback;
