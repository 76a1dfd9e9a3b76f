-- zenglow_api.cache_generation on a database with every capability.
begin;
select plan(29);

\ir support/cache_generation.sql

select * from finish();
rollback;
