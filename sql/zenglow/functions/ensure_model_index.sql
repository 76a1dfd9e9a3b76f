set local role zenglow_owner;

create or replace function zenglow.ensure_model_index(p_model text)
returns text
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Creates one model's partial ANN index (cosine; HNSW or IVFFlat as zenglow.ann_settings says,
-- zenglow.model_index_definition) on every partition of zenglow.chunks, if it is missing;
-- returns its name, or null without pgvector (exact scan). An index that exists is left as it
-- is: rebuilding after a settings change is `zenglow ann apply`, concurrently, outside a
-- transaction. What was built is recorded in ann_settings.built.
declare
    v_definition text := zenglow.model_index_definition(p_model);
    v_index text := zenglow.model_index_name(p_model);
begin
    if v_definition is null then
        return null;
    end if;
    if to_regclass(format('zenglow.%I', v_index)) is null then
        execute format('create index %I on zenglow.chunks %s', v_index, v_definition);
        update zenglow.ann_settings set built = jsonb_build_object('definition', v_definition, 'version', version, 'built_at', now())
        where model_name = p_model;
    end if;
    return v_index;
end
$$;
