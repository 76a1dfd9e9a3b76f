-- Corpus epochs without pgvector and TimescaleDB: the same paths advance them.
begin;
select plan(30);

\ir ../support/corpus_epochs.sql

select * from finish();
rollback;
