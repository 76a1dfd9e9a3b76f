-- ZG010 partition_missing with pgvector and TimescaleDB (the load path stores vector embeddings).
begin;
select plan(8);
\ir support/partition_missing.sql
select * from finish();
rollback;
