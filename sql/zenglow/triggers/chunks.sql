set local role zenglow_owner;

drop trigger if exists chunks_fill_text_stats on zenglow.chunks;
create trigger chunks_fill_text_stats
    before insert or update of body on zenglow.chunks
    for each row execute function zenglow.fill_chunk_text_stats();

-- Any write retrieval would see advances the corpus epoch (zenglow.advance_corpus_epoch lists
-- the paths); ZenGlow's loaders mark theirs handled and advance after the statistics instead.
drop trigger if exists chunks_advance_corpus_epoch on zenglow.chunks;
create trigger chunks_advance_corpus_epoch
    after insert or update or delete or truncate on zenglow.chunks
    for each statement execute function zenglow.advance_epoch_on_write();
