set local role zenglow_owner;

create or replace function zenglow.ensure_model_index(p_model text)
returns text
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
-- Creates the partial HNSW (cosine) index over one model's embeddings, on every partition of
-- zenglow.chunks, if it is missing; returns its name, or null without pgvector (exact scan).
-- The cast to vector(<dimension>) also refuses rows of that model with another dimension.
declare
    v_dimension integer;
    v_index text;
    v_vector_schema text;
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
            message = format('model %L has %s dimensions; HNSW indexes vectors of at most 2000', p_model, v_dimension),
            hint = 'use a model of at most 2000 dimensions, or a halfvec quantization';
    end if;
    v_index := zenglow.model_index_name(p_model);
    execute format(
        'create index if not exists %I on zenglow.chunks using hnsw ((embedding::%I.vector(%s)) %I.vector_cosine_ops) where embedding_model = %L',
        v_index, v_vector_schema, v_dimension, v_vector_schema, p_model);
    return v_index;
end
$$;
