set local role zenglow_owner;

create or replace function zenglow_api.rag_query(
    p_query text,
    p_embedding real[] default null,
    p_top_k integer default 10,
    p_filters jsonb default '{}',
    p_explain boolean default false,
    p_mode text default 'fusion',
    p_options jsonb default '{}'
)
returns jsonb
language plpgsql
volatile
set search_path = pg_catalog, public, pg_temp
as $fn$
-- Hybrid retrieval for the current tenant in one call. Two branches see the same filters:
--   lexical: chunks whose tsv matches the query's rarer terms (GIN) or, for a query of only
--            common terms, the top of their champion lists (zenglow.term_champions), scored with
--            Okapi BM25 from ZenGlow's per-tenant term statistics (k1, b in p_options);
--   vector:  HNSW cosine search on the active model's partial index, iterative scan so that
--            filters cannot starve it (exact scan over real[] without pgvector).
-- Each fetches p_options.candidates (default 200, or top_k when larger) rows. The union gets learning-to-rank features
-- (bm25, cosine, title_match, recency, source_prior, chunk_length), the active linear LTR score,
-- and a score by p_mode: fusion (the tenant's weights over min-max-normalised LTR and cosine),
-- rrf (reciprocal rank fusion, k = 60), bm25, or vector. Returns JSON; p_explain adds features
-- and partial scores. Arguments are checked and options resolved by zenglow.rag_query_arguments,
-- the query's BM25 statistics come from zenglow.bm25_statistics, and the retrieval itself is one
-- dynamic statement (planned with its values known, which is what makes it fast), whose inputs
-- are one parameter of type zenglow.rag_query_parameters, read by name.
-- The response's timing block holds clock_timestamp() deltas (ms) of the function's own steps:
-- prepare (arguments, model, weights, term statistics), plan (the statement's planning), then
-- each stage of the statement. Inside it, each stage is a materialized CTE whose row count a
-- one-row marker CTE reads before taking the time, and each marker reads the one before, so the
-- stages run one after another, in order, each between two clock readings.
-- Errors: ZG001 no tenant, ZG006 no active model, ZG008 bad embedding, ZG009 bad argument, filter or option.
declare
    v_called_at constant timestamptz := clock_timestamp();
    v_tenant text := zenglow.require_tenant();
    v_model zenglow.models;
    v_arguments record;
    v_statistics record;
    v_weights jsonb := zenglow_api.current_fusion_weights();
    v_ltr zenglow.ltr_models;
    -- The statement's one parameter, $1: its inputs by name (see zenglow.rag_query_parameters).
    v_parameters zenglow.rag_query_parameters;
    v_storage text;
    v_seqscan text := current_setting('enable_seqscan');
    v_distance text;
    -- Okapi BM25 of chunk c, inline (a function call per row would cost more than the sum):
    -- setweight + ts_filter cut c.tsv down to the query's terms, whose positions give tf.
    v_bm25 constant text := $bm25$(select coalesce(sum(q.idf * (cardinality(u.positions) * (($1).k1 + 1))
            / (cardinality(u.positions) + ($1).k1 * (1 - ($1).b + ($1).b * c.token_count / ($1).avgdl))), 0)
        from unnest(ts_filter(setweight(c.tsv, 'A', ($1).terms), '{a}')) u
        join unnest(($1).terms, ($1).idf) as q (term, idf) on q.term = u.lexeme)$bm25$;
    v_champion_terms text[] := '{}';
    v_champion_depths integer[] := '{}';
    v_lexical_sql text;
    v_vector_sql text;
    v_results jsonb;
    v_lexical_count bigint;
    v_vector_count bigint;
    v_executing_at timestamptz;
    v_started_at timestamptz;
    v_lexical_at timestamptz;
    v_vector_at timestamptz;
    v_features_at timestamptz;
    v_ltr_at timestamptz;
    v_fusion_at timestamptz;
    v_finished_at timestamptz;
begin
    select * into v_model from zenglow.models where active;
    if not found then
        raise exception using errcode = 'ZG006', message = 'no embedding model is active',
            hint = 'register one in zenglow.models and run zenglow.activate_model(model, actor)';
    end if;
    select * into v_arguments
    from zenglow.rag_query_arguments(p_query, p_embedding, p_top_k, p_filters, p_mode, p_options, v_model.model_name, v_model.dimension);
    select * into v_ltr from zenglow.ltr_models order by version desc limit 1;
    select * into v_statistics
    from zenglow.bm25_statistics(v_tenant, v_model.model_name, v_arguments.terms, v_arguments.lexical_budget);

    -- A query whose every term is common (its rarest term alone has more postings than the
    -- budget, so it is the one retrieval term) reads the champion lists of its terms instead,
    -- when each of them has one: depth rows shared by idf, so that rarer terms' lists are read deeper.
    if cardinality(v_statistics.retrieval_terms) = 1 and p_mode <> 'vector'
       and (select t.df from zenglow.term_stats t
            where t.tenant_id = v_tenant and t.embedding_model = v_model.model_name
              and t.term = v_statistics.retrieval_terms[1]) > v_arguments.lexical_budget then
        select coalesce(array_agg(c.term order by c.ord), '{}'), coalesce(array_agg(c.depth order by c.ord), '{}')
        into v_champion_terms, v_champion_depths
        from (select q.term, q.ord, ceil(s.depth * q.idf / sum(q.idf) over ())::integer as depth,
                  count(*) filter (where t.df <= s.min_df) over () as unlisted
              from unnest(v_arguments.terms, v_statistics.idf) with ordinality q (term, idf, ord)
              join zenglow.term_stats t on t.tenant_id = v_tenant and t.embedding_model = v_model.model_name and t.term = q.term
              join zenglow.term_champion_settings s on s.tenant_id = v_tenant and s.embedding_model = v_model.model_name) c
        where c.unlisted = 0;
    end if;

    v_parameters.tenant_id := v_tenant;
    v_parameters.terms := v_arguments.terms;
    v_parameters.idf := v_statistics.idf;
    v_parameters.retrieval_query := zenglow.terms_tsquery(v_statistics.retrieval_terms);
    v_parameters.champion_terms := v_champion_terms;
    v_parameters.champion_depths := v_champion_depths;
    v_parameters.embedding := p_embedding;
    v_parameters.avgdl := coalesce(v_statistics.avgdl, 1);
    v_parameters.k1 := v_arguments.k1;
    v_parameters.b := v_arguments.b;
    v_parameters.candidates := v_arguments.candidates;
    v_parameters.top_k := p_top_k;
    v_parameters.mode := p_mode;
    v_parameters.weight_ltr := coalesce((v_weights -> 'weights' ->> 'ltr')::double precision, 0.5);
    v_parameters.weight_vector := case when p_embedding is null then 0
        else coalesce((v_weights -> 'weights' ->> 'vector')::double precision, 0.5) end;
    v_parameters.ltr_coefficients := v_ltr.coefficients;
    v_parameters.ltr_intercept := v_ltr.intercept;
    v_parameters.explain := coalesce(p_explain, false);

    v_storage := format_type((select a.atttypid from pg_attribute a where a.attrelid = 'zenglow.chunks'::regclass and a.attname = 'embedding'), null);
    if v_storage = 'vector' then
        v_distance := format('(c.embedding::vector(%s) <=> ($1).embedding::vector(%s))', v_model.dimension, v_model.dimension);
        -- Enough of the graph for the candidates, and iterative scans so that the tenant and the
        -- filters do not starve the result (pgvector 0.8).
        perform zenglow.apply_ann_settings(v_model.model_name, v_arguments.candidates);
        perform set_config('hnsw.iterative_scan', 'relaxed_order', true);
        -- Both branches read indexes by design; a sequential scan of the chunks (which the
        -- planner may prefer for small partitions) is never what a query should do. Restored
        -- after the query, so the caller's later statements plan as usual.
        perform set_config('enable_seqscan', 'off', true);
    else
        v_distance := '(1 - zenglow.cosine_similarity(c.embedding, ($1).embedding))';
    end if;

    -- A single-branch mode runs only its branch.
    v_lexical_sql := case when cardinality(v_statistics.retrieval_terms) = 0 or p_mode = 'vector' then 'select null::bigint as chunk_id, null::timestamptz as ingested_at, null::double precision as bm25 where false'
        when cardinality(v_champion_terms) > 0 then format($sql$
            select c.chunk_id, c.ingested_at, %s as bm25
            from (
                -- The top of each term's champion list (index-only scans), then the chunks' own
                -- tsv for the exact score.
                select distinct h.chunk_id, h.ingested_at
                from unnest(($1).champion_terms, ($1).champion_depths) d (term, depth)
                cross join lateral (
                    select tc.chunk_id, tc.ingested_at from zenglow.term_champions tc
                    where tc.tenant_id = ($1).tenant_id and tc.embedding_model = %L and tc.term = d.term
                    order by tc.w desc
                    limit d.depth) h) h
            join zenglow.chunks c on c.tenant_id = ($1).tenant_id and c.chunk_id = h.chunk_id and c.ingested_at = h.ingested_at
            where c.embedding_model = %L %s
            order by 3 desc, c.chunk_id
            limit ($1).candidates$sql$, v_bm25, v_model.model_name, v_model.model_name, v_arguments.filter)
        else format($sql$
            select c.chunk_id, c.ingested_at, %s as bm25
            from (
                -- At most lexical_budget rows are scored: all of them whenever the rarest term is
                -- rarer than that (nearly always), else an arbitrary share of the matches, so
                -- that a query of only very common words still answers in bounded time.
                select c.chunk_id, c.ingested_at, c.tsv, c.token_count
                from zenglow.chunks c
                where c.tenant_id = ($1).tenant_id and c.embedding_model = %L and c.tsv @@ ($1).retrieval_query %s
                limit %s) c
            order by 3 desc, c.chunk_id
            limit ($1).candidates$sql$, v_bm25, v_model.model_name, v_arguments.filter, v_arguments.lexical_budget) end;
    v_vector_sql := case when p_embedding is null or p_mode = 'bm25' then 'select null::bigint as chunk_id, null::timestamptz as ingested_at, null::double precision as distance where false'
        else format($sql$
            select c.chunk_id, c.ingested_at, %s as distance
            from zenglow.chunks c
            where c.tenant_id = ($1).tenant_id and c.embedding_model = %L %s
            order by %s
            limit ($1).candidates$sql$, v_distance, v_model.model_name, v_arguments.filter, v_distance) end;

    v_executing_at := clock_timestamp();
    execute format($sql$
        with started as materialized (select clock_timestamp() as started_at),
        lexical as materialized (%s),
        lexical_done as materialized (
            select s.started_at, (select count(*) from lexical) as lexical_count, clock_timestamp() as lexical_at
            from started s),
        vector_hits as materialized (
            -- relaxed_order may return neighbours slightly out of order; the outer query re-sorts.
            select * from (%s) h order by h.distance limit ($1).candidates),
        vector_done as materialized (
            select d.*, (select count(*) from vector_hits) as vector_count, clock_timestamp() as vector_at
            from lexical_done d),
        -- Each candidate once, with what its branches found: one pass over both, where left joins
        -- back to the two CTEs (estimated at a row or two) were planned as nested loops that
        -- rescanned them for every candidate (about a quarter of the query's time at 100k chunks).
        candidates as (
            select h.chunk_id, h.ingested_at, bool_or(h.in_lexical) as in_lexical, bool_or(h.in_vector) as in_vector,
                max(h.bm25) as bm25, min(h.distance) as distance
            from (select l.chunk_id, l.ingested_at, true as in_lexical, false as in_vector, l.bm25, null::double precision as distance
                  from lexical l
                  union all
                  select v.chunk_id, v.ingested_at, false, true, null, v.distance
                  from vector_hits v) h
            group by h.chunk_id, h.ingested_at),
        features as materialized (
            -- Only what scoring needs: the text and the other columns of the response are read for
            -- the top_k rows at the end, not carried (and sorted, twice) through every candidate.
            select c.chunk_id, c.ingested_at,
                k.in_lexical,
                k.in_vector,
                coalesce(k.bm25, %s) as bm25,
                case when ($1).embedding is null then null else 1 - coalesce(k.distance, %s) end as cosine,
                (select count(*) from unnest(coalesce(c.title_terms,
                     tsvector_to_array(to_tsvector('english'::regconfig, c.title)))) l
                 where l = any (($1).terms))::double precision / greatest(cardinality(($1).terms), 1) as title_match,
                exp(-extract(epoch from now() - c.ingested_at) / 31557600.0) as recency,
                coalesce(sp.prior, 0) as source_prior,
                least(1.0, ln(1 + c.token_count) / ln(513.0)) as chunk_length
            from candidates k
            join zenglow.chunks c on c.tenant_id = ($1).tenant_id and c.chunk_id = k.chunk_id and c.ingested_at = k.ingested_at
            left join zenglow.source_priors sp on sp.tenant_id = ($1).tenant_id and sp.source = c.source),
        features_done as materialized (
            select d.*, (select count(*) from features) as feature_rows, clock_timestamp() as features_at
            from vector_done d),
        normalised as (
            select f.*, coalesce(f.bm25 / nullif(max(f.bm25) over (), 0), 0) as bm25_norm
            from features f),
        ltr as materialized (
            select n.*,
                ($1).ltr_intercept + coalesce((($1).ltr_coefficients ->> 'bm25')::double precision, 0) * n.bm25_norm
                    + coalesce((($1).ltr_coefficients ->> 'cosine')::double precision, 0) * coalesce(n.cosine, 0)
                    + coalesce((($1).ltr_coefficients ->> 'title_match')::double precision, 0) * n.title_match
                    + coalesce((($1).ltr_coefficients ->> 'recency')::double precision, 0) * n.recency
                    + coalesce((($1).ltr_coefficients ->> 'source_prior')::double precision, 0) * n.source_prior
                    + coalesce((($1).ltr_coefficients ->> 'chunk_length')::double precision, 0) * n.chunk_length as ltr_score,
                case when n.in_lexical then row_number() over (partition by n.in_lexical order by n.bm25 desc, n.chunk_id) end as rank_lexical,
                case when n.in_vector then row_number() over (partition by n.in_vector order by n.cosine desc, n.chunk_id) end as rank_vector
            from normalised n),
        ltr_done as materialized (
            select d.*, (select count(*) from ltr) as ltr_rows, clock_timestamp() as ltr_at
            from features_done d),
        blended as (
            select t.*,
                coalesce((t.ltr_score - min(t.ltr_score) over ()) / nullif(max(t.ltr_score) over () - min(t.ltr_score) over (), 0), 0) as ltr_norm,
                coalesce((t.cosine - min(t.cosine) over ()) / nullif(max(t.cosine) over () - min(t.cosine) over (), 0), 0) as vector_norm
            from ltr t),
        scored as (
            select b.*,
                case ($1).mode
                    when 'bm25' then case when b.in_lexical then b.bm25 end
                    when 'vector' then case when b.in_vector then b.cosine end
                    when 'rrf' then coalesce(1.0 / (60 + b.rank_lexical), 0) + coalesce(1.0 / (60 + b.rank_vector), 0)
                    else ($1).weight_ltr * b.ltr_norm + ($1).weight_vector * b.vector_norm
                end as score
            from blended b),
        top as (
            select s.*, c.document_id, c.chunk_order, c.title, c.source, c.batch_tag, c.metadata, c.body
            from (select * from scored where score is not null order by score desc, chunk_id limit ($1).top_k) s
            join zenglow.chunks c on c.tenant_id = ($1).tenant_id and c.chunk_id = s.chunk_id and c.ingested_at = s.ingested_at)
        select
            d.lexical_count, d.vector_count, d.started_at, d.lexical_at, d.vector_at, d.features_at, d.ltr_at,
            coalesce((select jsonb_agg(
                jsonb_build_object('chunk_id', t.chunk_id, 'document_id', t.document_id, 'chunk_order', t.chunk_order,
                    'title', t.title, 'source', t.source, 'batch', t.batch_tag, 'metadata', t.metadata,
                    'text', t.body, 'score', t.score)
                || case when ($1).explain then jsonb_build_object(
                    'features', jsonb_build_object('bm25', t.bm25, 'cosine', t.cosine, 'title_match', t.title_match,
                        'recency', t.recency, 'source_prior', t.source_prior, 'chunk_length', t.chunk_length),
                    'partial', jsonb_build_object('bm25_norm', t.bm25_norm, 'ltr', t.ltr_score, 'ltr_norm', t.ltr_norm,
                        'vector_norm', t.vector_norm, 'rank_lexical', t.rank_lexical, 'rank_vector', t.rank_vector))
                   else '{}'::jsonb end
                order by t.score desc, t.chunk_id) from top t), '[]'::jsonb),
            clock_timestamp()
        from ltr_done d
        $sql$, v_lexical_sql, v_vector_sql, v_bm25, v_distance)
    into v_lexical_count, v_vector_count, v_started_at, v_lexical_at, v_vector_at, v_features_at, v_ltr_at,
        v_results, v_fusion_at
    using v_parameters;
    perform set_config('enable_seqscan', v_seqscan, true);
    v_finished_at := clock_timestamp();

    return jsonb_build_object(
        'results', v_results,
        'mode', p_mode,
        'model', v_model.model_name,
        'weights_version', (v_weights ->> 'version')::bigint,
        'weights', v_weights -> 'weights',
        'ltr_version', v_ltr.version,
        'feature_schema_version', v_ltr.feature_schema_version,
        'degraded', case when p_embedding is null and p_mode in ('fusion', 'rrf') then 'no_embedding' end,
        'candidates', jsonb_build_object('lexical', v_lexical_count, 'vector', v_vector_count),
        -- clock_timestamp() has microsecond resolution: three decimals of a millisecond are exact,
        -- so the stages add up to the difference of the first and last reading.
        'timing', jsonb_build_object(
            'prepare_ms', round(extract(epoch from v_executing_at - v_called_at) * 1000, 3),
            'plan_ms', round(extract(epoch from v_started_at - v_executing_at) * 1000, 3),
            'lexical_ms', round(extract(epoch from v_lexical_at - v_started_at) * 1000, 3),
            'vector_ms', round(extract(epoch from v_vector_at - v_lexical_at) * 1000, 3),
            'features_ms', round(extract(epoch from v_features_at - v_vector_at) * 1000, 3),
            'ltr_ms', round(extract(epoch from v_ltr_at - v_features_at) * 1000, 3),
            'fusion_ms', round(extract(epoch from v_fusion_at - v_ltr_at) * 1000, 3),
            'total_ms', round(extract(epoch from v_finished_at - v_called_at) * 1000, 3)))
        || case when p_explain then jsonb_build_object('explain', jsonb_build_object(
            'terms', to_jsonb(v_arguments.terms), 'retrieval_terms', to_jsonb(v_statistics.retrieval_terms),
            'idf', to_jsonb(v_statistics.idf), 'champion_terms', to_jsonb(v_champion_terms),
            'champion_depths', to_jsonb(v_champion_depths), 'chunks', v_statistics.chunk_count, 'avgdl', v_statistics.avgdl,
            'k1', v_arguments.k1, 'b', v_arguments.b, 'ltr_coefficients', v_ltr.coefficients,
            'ltr_intercept', v_ltr.intercept)) else '{}'::jsonb end;
end
$fn$;

comment on function zenglow_api.rag_query(text, real[], integer, jsonb, boolean, text, jsonb) is
    'Hybrid retrieval for the current tenant: query text, optional query embedding (real[] of the active model''s dimension), '
    'top_k (1..1000), filters {source, batch, metadata}, explain, mode fusion|rrf|bm25|vector, options {k1, b, candidates, '
    'lexical_budget}. Returns {results: [{chunk_id, document_id, chunk_order, title, source, batch, metadata, text, score, '
    '[features, partial]}], mode, model, weights_version, weights, ltr_version, feature_schema_version, degraded, candidates, '
    'timing {prepare_ms, plan_ms, lexical_ms, vector_ms, features_ms, ltr_ms, fusion_ms, total_ms}}.';
