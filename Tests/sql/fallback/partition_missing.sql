-- ZG010 partition_missing without pgvector and TimescaleDB (real[] embeddings): the same refusal.
begin;
select plan(8);
\ir ../support/partition_missing.sql
select * from finish();
rollback;
