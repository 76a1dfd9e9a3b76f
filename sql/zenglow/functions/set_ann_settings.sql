set local role zenglow_owner;

create or replace function zenglow.set_ann_settings(p_model text, p_settings jsonb, p_actor text)
returns jsonb
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Changes one model's ANN settings in one call: p_settings is a JSON object of any of
-- index_kind ('hnsw' | 'ivfflat'), hnsw_m (2..100), hnsw_ef_construction (4..1000),
-- hnsw_ef_search (1..1000, null = the query's candidates), ivfflat_lists (1..32768, null = from
-- the row count), ivfflat_probes (1..32768); keys left out keep their value. A change bumps the
-- version and is audited under _global ('ann.settings', old and new values). Search parameters
-- apply to the next query; build parameters (kind, m, ef_construction, lists) need the index
-- rebuilt, which `zenglow ann apply` does concurrently: the answer says rebuild_needed.
-- Errors: ZG006 unknown model, ZG009 an unknown key or a value out of range.
declare
    v_hint constant text := 'settings are index_kind (hnsw|ivfflat), hnsw_m (2..100), hnsw_ef_construction (4..1000), '
        'hnsw_ef_search (1..1000 or null), ivfflat_lists (1..32768 or null), ivfflat_probes (1..32768)';
    v_old zenglow.ann_settings;
    v_new zenglow.ann_settings;
    v_key text;
begin
    select * into v_old from zenglow.ann_settings where model_name = p_model for update;
    if not found then
        raise exception using errcode = 'ZG006', message = format('unknown embedding model %L', p_model),
            hint = 'register it in zenglow.models first';
    end if;
    if p_settings is null or jsonb_typeof(p_settings) <> 'object' then
        raise exception using errcode = 'ZG009', message = 'ANN settings must be a JSON object', hint = v_hint;
    end if;
    for v_key in select jsonb_object_keys(p_settings) loop
        if v_key not in ('index_kind', 'hnsw_m', 'hnsw_ef_construction', 'hnsw_ef_search', 'ivfflat_lists', 'ivfflat_probes') then
            raise exception using errcode = 'ZG009', message = format('unknown ANN setting %L', v_key), hint = v_hint;
        end if;
    end loop;
    v_new := v_old;
    if p_settings ? 'index_kind' then
        if jsonb_typeof(p_settings -> 'index_kind') <> 'string' or p_settings ->> 'index_kind' not in ('hnsw', 'ivfflat') then
            raise exception using errcode = 'ZG009',
                message = format('index_kind must be "hnsw" or "ivfflat", not %s', p_settings -> 'index_kind'), hint = v_hint;
        end if;
        v_new.index_kind := p_settings ->> 'index_kind';
    end if;
    if p_settings ? 'hnsw_m' then
        v_new.hnsw_m := coalesce(zenglow.bounded_number(p_settings -> 'hnsw_m', 'hnsw_m', 2, 100, true, 'ZG009', v_hint), 16);
    end if;
    if p_settings ? 'hnsw_ef_construction' then
        v_new.hnsw_ef_construction := coalesce(zenglow.bounded_number(p_settings -> 'hnsw_ef_construction',
            'hnsw_ef_construction', 4, 1000, true, 'ZG009', v_hint), 64);
    end if;
    if p_settings ? 'hnsw_ef_search' then
        v_new.hnsw_ef_search := zenglow.bounded_number(p_settings -> 'hnsw_ef_search', 'hnsw_ef_search', 1, 1000, true, 'ZG009', v_hint);
    end if;
    if p_settings ? 'ivfflat_lists' then
        v_new.ivfflat_lists := zenglow.bounded_number(p_settings -> 'ivfflat_lists', 'ivfflat_lists', 1, 32768, true, 'ZG009', v_hint);
    end if;
    if p_settings ? 'ivfflat_probes' then
        v_new.ivfflat_probes := coalesce(zenglow.bounded_number(p_settings -> 'ivfflat_probes', 'ivfflat_probes', 1, 32768,
            true, 'ZG009', v_hint), 10);
    end if;
    if (v_new.index_kind, v_new.hnsw_m, v_new.hnsw_ef_construction, v_new.hnsw_ef_search, v_new.ivfflat_lists, v_new.ivfflat_probes)
        is not distinct from
        (v_old.index_kind, v_old.hnsw_m, v_old.hnsw_ef_construction, v_old.hnsw_ef_search, v_old.ivfflat_lists, v_old.ivfflat_probes) then
        return zenglow.ann_settings_report(p_model, false);
    end if;
    update zenglow.ann_settings
    set index_kind = v_new.index_kind, hnsw_m = v_new.hnsw_m, hnsw_ef_construction = v_new.hnsw_ef_construction,
        hnsw_ef_search = v_new.hnsw_ef_search, ivfflat_lists = v_new.ivfflat_lists, ivfflat_probes = v_new.ivfflat_probes,
        version = version + 1, changed_at = now(), changed_by = p_actor
    where model_name = p_model;
    perform zenglow_audit.append_for('_global', p_actor, 'ann.settings', 'models/' || p_model,
        jsonb_build_object('old', to_jsonb(v_old) - 'built' - 'changed_at' - 'changed_by' - 'model_name',
            'new', to_jsonb(v_new) - 'built' - 'changed_at' - 'changed_by' - 'model_name' || jsonb_build_object('version', v_old.version + 1)));
    return zenglow.ann_settings_report(p_model, true);
end
$$;

comment on function zenglow.set_ann_settings(text, jsonb, text) is
    'Changes a model''s ANN index settings (index_kind, hnsw_m, hnsw_ef_construction, hnsw_ef_search, ivfflat_lists, '
    'ivfflat_probes) in one audited call; returns the settings, whether they changed and whether the index needs a rebuild.';
