set local role zenglow_owner;

drop trigger if exists batches_check_transition on zenglow.batches;
create trigger batches_check_transition
    before update on zenglow.batches
    for each row execute function zenglow.check_batch_transition();

drop trigger if exists batches_notify_manifest on zenglow.batches;
create trigger batches_notify_manifest
    after insert or update of state on zenglow.batches
    for each row execute function zenglow.notify_manifest();

-- An alert reason set on a batch whose state stays (annotate_batch after the load) is announced
-- too; when the state changes in the same update, the trigger above has announced it already.
drop trigger if exists batches_notify_alert on zenglow.batches;
create trigger batches_notify_alert
    after update of alert_reason on zenglow.batches
    for each row
    when (new.alert_reason is not null and new.alert_reason is distinct from old.alert_reason
        and new.state is not distinct from old.state)
    execute function zenglow.notify_manifest();
