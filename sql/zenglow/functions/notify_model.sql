set local role zenglow_owner;

create or replace function zenglow.notify_model()
returns trigger
language plpgsql
as $$
-- Announces on zenglow_models, in the changing transaction (a rollback announces nothing), that
-- what retrieval ranks with changed for every tenant, so that the API can publish a build update:
--   an embedding model activated (zenglow.models.active set, by zenglow.activate_model):
--     {"tenant_id": "_global", "kind": "embedding", "model": <model_name>, "version": null}
--   a new learning-to-rank version (a row inserted into zenglow.ltr_models, by `zenglow ltr fit`):
--     {"tenant_id": "_global", "kind": "ltr", "model": null, "version": <version>}
-- Ids only; listeners re-read the registry for anything else (zenglow_api.cache_generation).
begin
    if tg_table_name = 'models' then
        perform pg_notify('zenglow_models', json_build_object('tenant_id', '_global', 'kind', 'embedding',
            'model', new.model_name, 'version', null)::text);
    else
        perform pg_notify('zenglow_models', json_build_object('tenant_id', '_global', 'kind', 'ltr',
            'model', null, 'version', new.version)::text);
    end if;
    return null;
end
$$;
