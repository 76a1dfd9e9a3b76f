set local role zenglow_owner;

drop trigger if exists batches_check_transition on zenglow.batches;
create trigger batches_check_transition
    before update on zenglow.batches
    for each row execute function zenglow.check_batch_transition();

drop trigger if exists batches_notify_manifest on zenglow.batches;
create trigger batches_notify_manifest
    after insert or update of state on zenglow.batches
    for each row execute function zenglow.notify_manifest();
