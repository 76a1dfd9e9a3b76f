set local role zenglow_owner;

create or replace function zenglow.model_index_name(p_model text)
returns text
language sql
immutable
as $$
    -- The HNSW index of one model's embeddings: readable and within the 63-byte identifier limit.
    select 'chunks_embedding_' || left(regexp_replace(lower(p_model), '[^a-z0-9]+', '_', 'g'), 30)
        || '_' || left(md5(p_model), 8)
$$;
