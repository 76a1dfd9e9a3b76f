set local role zenglow_owner;

drop trigger if exists fusion_weights_check on zenglow.fusion_weights;
create trigger fusion_weights_check
    before insert or update or delete on zenglow.fusion_weights
    for each row execute function zenglow.check_fusion_weights();

drop trigger if exists fusion_weights_refuse_truncate on zenglow.fusion_weights;
create trigger fusion_weights_refuse_truncate
    before truncate on zenglow.fusion_weights
    for each statement execute function zenglow.check_fusion_weights();

drop trigger if exists fusion_weights_notify on zenglow.fusion_weights;
create trigger fusion_weights_notify
    after insert on zenglow.fusion_weights
    for each row execute function zenglow.notify_weights();
