set local role zenglow_owner;

create or replace function zenglow.is_chunk_partition(p_name text)
returns boolean
language sql
stable
as $$
    -- Whether zenglow.<p_name> exists and is a partition of zenglow.chunks: a table that merely
    -- has a partition's name (left over, restored beside the tree) holds no chunks.
    select exists (
        select from pg_catalog.pg_inherits i
        where i.inhrelid = to_regclass(format('zenglow.%I', p_name)) and i.inhparent = 'zenglow.chunks'::regclass)
$$;
