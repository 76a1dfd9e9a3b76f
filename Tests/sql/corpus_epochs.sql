-- Corpus epochs (the response cache's corpus version) on a database with every capability.
begin;
select plan(30);

\ir support/corpus_epochs.sql

select * from finish();
rollback;
