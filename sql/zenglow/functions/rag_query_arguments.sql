set local role zenglow_owner;

-- settings_version joined the out parameters, which create or replace cannot change; the grant at
-- the end is repeated here because dropping the function dropped it.
drop function if exists zenglow.rag_query_arguments(text, real[], integer, jsonb, text, jsonb, text, integer);

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
    out lexical_budget bigint,
    out settings_version bigint
)
language plpgsql
stable
as $$
-- Checks zenglow_api.rag_query's arguments and resolves its options, so that a bad request is
-- refused with ZenGlow's own SQLSTATE naming what is wrong, never with a cast error from deep
-- inside the query: ZG009 for top_k (1..1000), mode, filters (zenglow.retrieval_filter), the
-- query's length and the options (zenglow.validate_retrieval_settings: a JSON object of JSON
-- numbers, k1 0..100, b 0..1, candidates 1..1000, lexical_budget 1..1000000); ZG008 for the query
-- embedding (p_dimension numbers, one-dimensional, no null, NaN or infinity, a norm neither zero
-- nor beyond single precision, in which pgvector computes cosines). Each option the call does not
-- give comes from the tenant's retrieval settings (zenglow.retrieval_settings_in_effect: its
-- newest version, else _global's, else the defaults k1 1.2, b 0.75, candidates 200, lexical_budget
-- 5000), so the API, zenglow eval and zenglow ltr fit rank alike; candidates from the settings are
-- never fewer than top_k. Returns the query's stemmed terms, the filter's WHERE fragment, the
-- options and the settings version they came from (null for the defaults).
declare
    v_options jsonb;
    v_settings jsonb;
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

    v_options := zenglow.validate_retrieval_settings(p_options, 'option');
    select r.settings, r.version into v_settings, settings_version from zenglow.retrieval_settings_in_effect() r;
    k1 := coalesce(v_options -> 'k1', v_settings -> 'k1')::numeric;
    b := coalesce(v_options -> 'b', v_settings -> 'b')::numeric;
    candidates := coalesce((v_options -> 'candidates')::numeric, greatest((v_settings -> 'candidates')::numeric, p_top_k));
    lexical_budget := coalesce(v_options -> 'lexical_budget', v_settings -> 'lexical_budget')::numeric;

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
    'the options, each from the call, else the tenant''s retrieval settings: (terms, filter, k1, b, candidates, '
    'lexical_budget, settings_version).';

grant execute on function zenglow.rag_query_arguments(text, real[], integer, jsonb, text, jsonb, text, integer) to zenglow_app;
