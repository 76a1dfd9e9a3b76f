set local role zenglow_owner;

-- A source prior is a learning-to-rank feature: a change advances the corpus epoch of the
-- tenants whose rows it wrote (transition tables take one event each), every tenant on TRUNCATE.
drop trigger if exists source_priors_insert_advances_corpus_epoch on zenglow.source_priors;
create trigger source_priors_insert_advances_corpus_epoch
    after insert on zenglow.source_priors
    referencing new table as new_rows
    for each statement execute function zenglow.advance_epoch_of_rows();

drop trigger if exists source_priors_update_advances_corpus_epoch on zenglow.source_priors;
create trigger source_priors_update_advances_corpus_epoch
    after update on zenglow.source_priors
    referencing old table as old_rows new table as new_rows
    for each statement execute function zenglow.advance_epoch_of_rows();

drop trigger if exists source_priors_delete_advances_corpus_epoch on zenglow.source_priors;
create trigger source_priors_delete_advances_corpus_epoch
    after delete on zenglow.source_priors
    referencing old table as old_rows
    for each statement execute function zenglow.advance_epoch_of_rows();

drop trigger if exists source_priors_truncate_advances_corpus_epochs on zenglow.source_priors;
create trigger source_priors_truncate_advances_corpus_epochs
    after truncate on zenglow.source_priors
    for each statement execute function zenglow.advance_epoch_on_write();
