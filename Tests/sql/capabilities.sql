-- capabilities() reports what the server has and what storage ZenGlow chose.
begin;
select plan(6);

select matches((select pgvector from zenglow.capabilities()), '^0\.8\.', 'pgvector 0.8 is reported');
select matches((select timescaledb from zenglow.capabilities()), '^2\.', 'TimescaleDB 2 is reported');
select is((select timescaledb_license from zenglow.capabilities()), 'apache', 'the Apache build''s license is reported');
select is((select pg_cron from zenglow.capabilities()), false, 'pg_cron is absent');
select is((select embedding_storage from zenglow.capabilities()), 'vector', 'embeddings are pgvector vectors');
select is((select query_performance_storage from zenglow.capabilities()), 'hypertable', 'query_performance is a hypertable');

select * from finish();
rollback;
