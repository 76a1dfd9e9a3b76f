set local role zenglow_owner;

create or replace function zenglow.activate_model(p_model text, p_actor text)
returns jsonb
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Makes p_model the one retrieval reads, atomically (never zero active models), after its
-- index exists; the old model's rows stay until an operator deletes them. Audited under _global.
-- The switch is announced on zenglow_models by the models trigger (zenglow.notify_model):
--   {"tenant_id": "_global", "kind": "embedding", "model": <p_model>, "version": null}
declare
    v_previous text;
    v_index text;
begin
    if not exists (select from zenglow.models where model_name = p_model) then
        raise exception using errcode = 'ZG006', message = format('unknown embedding model %L', p_model),
            hint = 'register it in zenglow.models first';
    end if;
    select model_name into v_previous from zenglow.models where active;
    v_index := zenglow.ensure_model_index(p_model);
    -- Two statements in one transaction: other sessions see the old model or the new one, never none.
    update zenglow.models set active = false where active and model_name <> p_model;
    update zenglow.models set active = true where model_name = p_model and not active;
    perform zenglow_audit.append_for('_global', p_actor, 'model.activate', 'models/' || p_model,
        jsonb_build_object('old', v_previous, 'new', p_model, 'index', v_index));
    return jsonb_build_object('active', p_model, 'previous', v_previous, 'index', v_index);
end
$$;
