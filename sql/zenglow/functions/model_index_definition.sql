set local role zenglow_owner;

create or replace function zenglow.model_index_definition(p_model text)
returns text
language plpgsql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
-- The `using … (…) with (…) where …` part of CREATE INDEX for p_model's ANN index, from
-- zenglow.ann_settings: HNSW (m, ef_construction) or IVFFlat (lists: the configured value, else
-- rows / 1000 up to a million rows and sqrt(rows) above, pgvector's advice, at least 1), cosine
-- distance, partial on the model. Null without pgvector (exact scan over real[]).
-- One definition serves ensure_model_index (build if missing) and `zenglow ann apply` (rebuild
-- concurrently), so the two cannot disagree. The cast to vector(<dimension>) also refuses rows
-- of that model with another dimension.
declare
    v_dimension integer;
    v_vector_schema text;
    v_settings zenglow.ann_settings;
    v_rows bigint;
begin
    select m.dimension into v_dimension from zenglow.models m where m.model_name = p_model;
    if v_dimension is null then
        raise exception using errcode = 'ZG006', message = format('unknown embedding model %L', p_model),
            hint = 'register it in zenglow.models first';
    end if;
    select n.nspname into v_vector_schema
    from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'vector';
    if v_vector_schema is null
        or (select a.atttypid from pg_attribute a
            where a.attrelid = 'zenglow.chunks'::regclass and a.attname = 'embedding') <> to_regtype(format('%I.vector', v_vector_schema)) then
        return null;
    end if;
    if v_dimension > 2000 then
        raise exception using errcode = 'ZG006',
            message = format('model %L has %s dimensions; HNSW and IVFFlat index vectors of at most 2000', p_model, v_dimension),
            hint = 'use a model of at most 2000 dimensions, or a halfvec quantization';
    end if;
    select * into v_settings from zenglow.ann_settings where model_name = p_model;
    if coalesce(v_settings.index_kind, 'hnsw') = 'hnsw' then
        return format('using hnsw ((embedding::%I.vector(%s)) %I.vector_cosine_ops) with (m = %s, ef_construction = %s) where embedding_model = %L',
            v_vector_schema, v_dimension, v_vector_schema, coalesce(v_settings.hnsw_m, 16),
            coalesce(v_settings.hnsw_ef_construction, 64), p_model);
    end if;
    if v_settings.ivfflat_lists is null then
        -- The planner's estimate: counting a million rows to size the lists is not worth it.
        select coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint into v_rows
        from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'zenglow.chunks'::regclass;
    end if;
    return format('using ivfflat ((embedding::%I.vector(%s)) %I.vector_cosine_ops) with (lists = %s) where embedding_model = %L',
        v_vector_schema, v_dimension, v_vector_schema,
        coalesce(v_settings.ivfflat_lists,
            greatest(1, least(32768, case when v_rows <= 1000000 then v_rows / 1000 else floor(sqrt(v_rows))::bigint end))),
        p_model);
end
$$;

comment on function zenglow.model_index_definition(text) is
    'The USING/WITH/WHERE part of CREATE INDEX for a model''s ANN index from zenglow.ann_settings; null without pgvector.';
