-- chunks.tsv becomes an ordinary column that a trigger fills together with token_count, so that
-- a chunk's text is parsed once per insert (a generated column and the length from it meant
-- parsing twice; to_tsvector dominates loading). Existing values are kept.
set local role zenglow_owner;

alter table zenglow.chunks alter column tsv drop expression;
