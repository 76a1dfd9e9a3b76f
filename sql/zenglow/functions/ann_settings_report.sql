set local role zenglow_owner;

create or replace function zenglow.ann_settings_report(p_model text, p_changed boolean default false)
returns jsonb
language plpgsql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
-- One model's ANN settings as `zenglow ann show|set` prints them: the settings, their version,
-- the index that exists (its access method and options), and whether it must be rebuilt to match
-- them (another kind, other build options, or none yet while pgvector is there).
begin
    return (select jsonb_build_object(
        'model', s.model_name, 'version', s.version, 'changed', p_changed,
        'settings', jsonb_build_object('index_kind', s.index_kind, 'hnsw_m', s.hnsw_m,
            'hnsw_ef_construction', s.hnsw_ef_construction, 'hnsw_ef_search', s.hnsw_ef_search,
            'ivfflat_lists', s.ivfflat_lists, 'ivfflat_probes', s.ivfflat_probes),
        'changed_at', s.changed_at, 'changed_by', s.changed_by,
        'index', c.relname, 'index_kind', a.amname,
        'index_options', to_jsonb(c.reloptions),
        'rebuild_needed', zenglow.model_index_definition(s.model_name) is not null and (c.oid is null
            or a.amname is distinct from s.index_kind
            or (s.index_kind = 'hnsw' and (coalesce(o.m, 16) <> s.hnsw_m or coalesce(o.ef_construction, 64) <> s.hnsw_ef_construction))
            or (s.index_kind = 'ivfflat' and s.ivfflat_lists is not null and coalesce(o.lists, 100) <> s.ivfflat_lists)))
    from zenglow.ann_settings s
    left join pg_class c on c.oid = to_regclass(format('zenglow.%I', zenglow.model_index_name(s.model_name)))
    left join pg_am a on a.oid = c.relam
    left join lateral (
        select max(split_part(r, '=', 2)) filter (where r like 'm=%')::integer as m,
            max(split_part(r, '=', 2)) filter (where r like 'ef_construction=%')::integer as ef_construction,
            max(split_part(r, '=', 2)) filter (where r like 'lists=%')::integer as lists
        from unnest(c.reloptions) r) o on true
    where s.model_name = p_model);
end
$$;

comment on function zenglow.ann_settings_report(text, boolean) is
    'A model''s ANN settings, version, current index definition and whether the index must be rebuilt to match them.';
