set local role zenglow_owner;

drop trigger if exists events_append_only on zenglow_audit.events;
create trigger events_append_only
    before update or delete on zenglow_audit.events
    for each row execute function zenglow_audit.refuse_change();

drop trigger if exists events_no_truncate on zenglow_audit.events;
create trigger events_no_truncate
    before truncate on zenglow_audit.events
    for each statement execute function zenglow_audit.refuse_change();

drop trigger if exists chain_heads_no_truncate on zenglow_audit.chain_heads;
create trigger chain_heads_no_truncate
    before truncate on zenglow_audit.chain_heads
    for each statement execute function zenglow_audit.refuse_change();
