set local role zenglow_owner;

-- zenglow.add_term_stats writes one row per tenant and model, after the term rows: advancing the
-- row's tenant here is the one place every load, replacement and retention advances the corpus
-- epoch, and the last lock each takes (see zenglow.advance_corpus_epoch).
drop trigger if exists corpus_stats_advance_corpus_epoch on zenglow.corpus_stats;
create trigger corpus_stats_advance_corpus_epoch
    after insert or update or delete on zenglow.corpus_stats
    for each row execute function zenglow.advance_epoch_of_rows();

drop trigger if exists corpus_stats_truncate_advances_corpus_epochs on zenglow.corpus_stats;
create trigger corpus_stats_truncate_advances_corpus_epochs
    after truncate on zenglow.corpus_stats
    for each statement execute function zenglow.advance_epoch_on_write();
