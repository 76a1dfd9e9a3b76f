set local role zenglow_owner;

-- The BM25 statistics decide idf and which terms retrieval asks the index for: a write outside
-- zenglow.add_term_stats (which marks its own, see there) advances the corpus epoch.
drop trigger if exists term_stats_advance_corpus_epoch on zenglow.term_stats;
create trigger term_stats_advance_corpus_epoch
    after insert or update or delete or truncate on zenglow.term_stats
    for each statement execute function zenglow.advance_epoch_on_write();
