set local role zenglow_owner;

create or replace function zenglow.check_staged_chunks(p_model text, p_dimension integer, p_vector boolean)
returns void
language plpgsql
volatile
set search_path = pg_catalog, public, pg_temp
as $$
-- The last gate before zg_staging's rows become chunks (zenglow_api.ingest_staged_batch). The
-- loader validates rows before COPY, but the database accepts nothing retrieval cannot use, and
-- refuses the first bad row with ZenGlow's own SQLSTATE naming it (row number, document, chunk)
-- rather than with a cast or constraint error from the insert, or not at all (real[] takes NaN
-- and zero vectors silently). ZG008: an embedding that is not one-dimensional, not of p_model's
-- p_dimension, holds a null, NaN or infinity, has zero length (every component 0), or, with
-- pgvector, a squared norm beyond single precision (pgvector sums squares in single precision
-- for a cosine; without it zenglow.cosine_similarity works in double precision, where finite
-- components always give a finite norm). ZG009: an empty text, a document id not of 1 to 512
-- characters, a negative chunk order.
-- Cost: with pgvector one real[] -> vector cast and vector_norm per row (C), and only when the
-- cast refuses an element (null, NaN, infinity) the element checks, to name the row; without
-- pgvector the element checks, which are array operators (C) too.
declare
    v_rows constant text := $sql$
        select s.row_number, s.document_id, s.chunk_order, p.errcode, p.message
        from pg_temp.zg_staging s
        cross join lateral (select %1$s as squares) n
        cross join lateral (select
            case when s.body = '' or length(s.document_id) not between 1 and 512 or s.chunk_order < 0 then 'ZG009'
                 else 'ZG008' end as errcode,
            case
            when s.body = '' then 'its text is empty'
            when length(s.document_id) not between 1 and 512 then 'its document id must have 1 to 512 characters'
            when s.chunk_order < 0 then 'its chunk order is negative'
            when s.embedding is null then null
            when array_ndims(s.embedding) > 1 then 'its embedding is not a one-dimensional array'
            when cardinality(s.embedding) <> $1 then format('its embedding has %%s dimensions; model %%s has %%s',
                cardinality(s.embedding), $2, $1)
            %2$s
            when n.squares = 0 then 'its embedding has zero length'
            when n.squares >= 3.4028235677973366e38 then 'its embedding''s norm is not finite in single precision'
            end as message) p
        where p.message is not null
        order by s.row_number
        limit 1$sql$;
    v_element_checks constant text := $sql$
            when array_position(s.embedding, null) is not null then 'its embedding holds a null value'
            when s.embedding && '{NaN,Infinity,-Infinity}'::real[] then 'its embedding holds NaN or infinite values'
            when s.embedding <@ '{0}'::real[] then 'its embedding has zero length'$sql$;
    v_vector_squares constant text := $sql$case when array_ndims(s.embedding) = 1 and cardinality(s.embedding) = $1
            then vector_norm(s.embedding::vector) ^ 2 end$sql$;
    v_problem record;
begin
    if p_vector then
        begin
            execute format(v_rows, v_vector_squares, '') into v_problem using p_dimension, p_model;
        exception when data_exception then
            -- pgvector refused an element (null, NaN, infinity): name the first such row.
            execute format(v_rows, v_vector_squares, v_element_checks) into v_problem using p_dimension, p_model;
        end;
    else
        execute format(v_rows, 'null::double precision', v_element_checks) into v_problem using p_dimension, p_model;
    end if;
    if v_problem.row_number is not null then
        raise exception using errcode = v_problem.errcode,
            message = format('staged row %s (document %s, chunk %s): %s', v_problem.row_number,
                quote_literal(left(v_problem.document_id, 80)), v_problem.chunk_order, v_problem.message),
            hint = case v_problem.errcode
                when 'ZG008' then 'embeddings must be finite, of the model''s dimension and of non-zero length'
                else 'fix the row, or leave it out and count it as rejected' end;
    end if;
end
$$;

comment on function zenglow.check_staged_chunks(text, integer, boolean) is
    'Refuses the first unloadable row of zg_staging: ZG008 for its embedding (dimension, null, NaN/infinity, zero or '
    'overflowing norm), ZG009 for empty text, a document id not of 1..512 characters or a negative chunk order.';
