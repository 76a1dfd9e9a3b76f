set local role zenglow_owner;

-- The model retrieval reads changed (zenglow.activate_model, or a registration that is active
-- from the start): announced on zenglow_models.
drop trigger if exists models_notify_activation on zenglow.models;
create trigger models_notify_activation
    after update of active on zenglow.models
    for each row when (new.active and not old.active)
    execute function zenglow.notify_model();

drop trigger if exists models_notify_active_insert on zenglow.models;
create trigger models_notify_active_insert
    after insert on zenglow.models
    for each row when (new.active)
    execute function zenglow.notify_model();

drop trigger if exists models_add_ann_settings on zenglow.models;
create trigger models_add_ann_settings
    after insert on zenglow.models
    for each row
    execute function zenglow.add_ann_settings();
