-- rag_query's timing block (clock_timestamp() deltas of its own steps) with pgvector.
begin;
select plan(16);

\o /dev/null
\ir support/corpus.sql
\o

set local role zenglow_app;
\ir support/rag_query_timing.sql
reset role;

select * from finish();
rollback;
