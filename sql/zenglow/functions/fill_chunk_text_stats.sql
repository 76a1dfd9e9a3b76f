set local role zenglow_owner;

create or replace function zenglow.fill_chunk_text_stats()
returns trigger
language plpgsql
as $$
-- Parses a chunk's text once, into its tsvector (english) and its BM25 length (the token
-- occurrences the tsvector keeps), whenever a chunk is inserted or its text changes.
begin
    new.tsv := to_tsvector('english'::regconfig, new.body);
    new.token_count := zenglow.token_count(new.tsv);
    return new;
end
$$;
