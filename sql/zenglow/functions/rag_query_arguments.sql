set local role zenglow_owner;

create or replace function zenglow.rag_query_arguments(
    p_query text,
    p_embedding real[],
    p_top_k integer,
    p_filters jsonb,
    p_mode text,
    p_options jsonb,
    p_model text,
    p_dimension integer,
    out terms text[],
    out filter text,
    out k1 double precision,
    out b double precision,
    out candidates integer,
    out lexical_budget bigint
)
language plpgsql
stable
as $$
-- Checks zenglow_api.rag_query's arguments and resolves its options, so that a bad request is
-- refused with ZenGlow's own SQLSTATE naming what is wrong, never with a cast error from deep
-- inside the query: ZG009 for top_k (1..1000), mode, filters (zenglow.retrieval_filter), the
-- query's length and the options (a JSON object of JSON numbers: k1 0..100, default 1.2; b 0..1,
-- default 0.75; candidates 1..1000, default 200 or top_k when larger; lexical_budget
-- 1..1000000, default 5000); ZG008 for the query embedding (p_dimension numbers, one-dimensional,
-- no null, NaN or infinity, a norm neither zero nor beyond single precision, in which pgvector
-- computes cosines). Returns the query's stemmed terms, the filter's WHERE fragment and the options.
declare
    v_key text;
    v_options constant text := 'options are k1 (0..100), b (0..1), candidates (1..1000) and lexical_budget (1..1000000)';
    v_nulls bigint;
    v_non_finite bigint;
    v_squares double precision;
begin
    if p_top_k is null or p_top_k < 1 or p_top_k > 1000 then
        raise exception using errcode = 'ZG009', message = format('top_k must be between 1 and 1000, not %s', coalesce(p_top_k::text, 'null'));
    end if;
    if p_mode is null or p_mode not in ('fusion', 'rrf', 'bm25', 'vector') then
        raise exception using errcode = 'ZG009', message = format('unknown mode %s', coalesce(quote_literal(p_mode), 'null')),
            hint = 'modes are fusion, rrf, bm25 and vector';
    end if;
    -- to_tsvector refuses more than 1 MB of lexemes (54000); no real query comes near this.
    if length(p_query) > 100000 then
        raise exception using errcode = 'ZG009', message = format('the query has %s characters; at most 100000 are allowed', length(p_query));
    end if;

    if p_options is not null and jsonb_typeof(p_options) not in ('object', 'null') then
        raise exception using errcode = 'ZG009', message = 'options must be a JSON object', hint = v_options;
    end if;
    for v_key in select jsonb_object_keys(p_options) where jsonb_typeof(p_options) = 'object' loop
        if v_key not in ('k1', 'b', 'candidates', 'lexical_budget') then
            raise exception using errcode = 'ZG009', message = format('unknown option %L', v_key), hint = v_options;
        end if;
    end loop;
    k1 := coalesce(zenglow.bounded_number(p_options -> 'k1', 'option ''k1''', 0, 100, false, 'ZG009', v_options), 1.2);
    b := coalesce(zenglow.bounded_number(p_options -> 'b', 'option ''b''', 0, 1, false, 'ZG009', v_options), 0.75);
    candidates := coalesce(zenglow.bounded_number(p_options -> 'candidates', 'option ''candidates''', 1, 1000, true, 'ZG009', v_options),
        greatest(200, p_top_k));
    lexical_budget := coalesce(zenglow.bounded_number(p_options -> 'lexical_budget', 'option ''lexical_budget''', 1, 1000000, true,
        'ZG009', v_options), 5000);

    filter := zenglow.retrieval_filter(p_filters);
    terms := zenglow.query_terms(p_query);

    if p_embedding is not null then
        if array_ndims(p_embedding) > 1 then
            raise exception using errcode = 'ZG008',
                message = format('the query embedding must be a one-dimensional array, not %s-dimensional', array_ndims(p_embedding));
        end if;
        if cardinality(p_embedding) <> p_dimension then
            raise exception using errcode = 'ZG008',
                message = format('the query embedding has %s dimensions; model %s has %s',
                    cardinality(p_embedding), p_model, p_dimension);
        end if;
        select count(*) filter (where x is null),
            count(*) filter (where x = 'NaN'::real or x in ('Infinity'::real, '-Infinity'::real)),
            coalesce(sum(x::double precision * x) filter (where x <> 'NaN'::real and x not in ('Infinity'::real, '-Infinity'::real)), 0)
        into v_nulls, v_non_finite, v_squares
        from unnest(p_embedding) x;
        if v_nulls > 0 then
            raise exception using errcode = 'ZG008', message = format('the query embedding holds %s null values', v_nulls);
        end if;
        if v_non_finite > 0 then
            raise exception using errcode = 'ZG008', message = 'the query embedding holds NaN or infinite values';
        end if;
        if v_squares = 0 then
            raise exception using errcode = 'ZG008', message = 'the query embedding has zero length',
                detail = 'every component is 0, so its direction (and any cosine with it) is undefined';
        end if;
        -- pgvector sums the squares in single precision: beyond the largest real they overflow.
        if v_squares >= 3.4028235677973366e38 then
            raise exception using errcode = 'ZG008', message = 'the query embedding''s norm is not finite',
                detail = format('its squared norm %s exceeds the largest single-precision number', v_squares),
                hint = 'send a normalised embedding (unit length)';
        end if;
    elsif p_mode = 'vector' then
        raise exception using errcode = 'ZG008', message = 'vector mode needs a query embedding';
    end if;
end
$$;

comment on function zenglow.rag_query_arguments(text, real[], integer, jsonb, text, jsonb, text, integer) is
    'Validates rag_query''s arguments (ZG009 top_k, mode, filters, options, query length; ZG008 embedding) and resolves '
    'the options: (terms, filter, k1, b, candidates, lexical_budget).';
