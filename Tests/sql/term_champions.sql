-- Champion lists with pgvector: built, kept through loads, replacements and retention, private to
-- their tenant, and answering queries of only common terms as exact BM25 would.
begin;
select plan(26);

\ir support/term_champions.sql

select * from finish();
rollback;
