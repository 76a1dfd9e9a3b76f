set local role zenglow_owner;

-- A new version is announced on zenglow_models (its number is part of the cache key already).
drop trigger if exists ltr_models_notify on zenglow.ltr_models;
create trigger ltr_models_notify
    after insert on zenglow.ltr_models
    for each row execute function zenglow.notify_model();

-- Versions are added, not edited; one edited or deleted in place changes answers under a version
-- number the cache has seen, so every tenant's corpus epoch advances instead.
drop trigger if exists ltr_models_change_advances_corpus_epochs on zenglow.ltr_models;
create trigger ltr_models_change_advances_corpus_epochs
    after update or delete or truncate on zenglow.ltr_models
    for each statement execute function zenglow.advance_epoch_on_write('every');
