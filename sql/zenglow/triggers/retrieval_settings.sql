set local role zenglow_owner;

drop trigger if exists retrieval_settings_check on zenglow.retrieval_settings;
create trigger retrieval_settings_check
    before insert or update or delete on zenglow.retrieval_settings
    for each row execute function zenglow.check_retrieval_settings();

drop trigger if exists retrieval_settings_refuse_truncate on zenglow.retrieval_settings;
create trigger retrieval_settings_refuse_truncate
    before truncate on zenglow.retrieval_settings
    for each statement execute function zenglow.check_retrieval_settings();

drop trigger if exists retrieval_settings_notify on zenglow.retrieval_settings;
create trigger retrieval_settings_notify
    after insert on zenglow.retrieval_settings
    for each row execute function zenglow.notify_retrieval_settings();
