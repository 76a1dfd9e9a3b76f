-- Without pgvector, retrieval scans real[] embeddings exactly and answers as the HNSW path does.
begin;
select plan(9);

\o /dev/null
\ir ../support/corpus.sql
\o
select is((select manifest ->> 'state' from loaded_a), 'done', 'the corpus loads into real[] embeddings');

set local role zenglow_app;
\ir ../support/rankings.sql
reset role;

select * from finish();
rollback;
