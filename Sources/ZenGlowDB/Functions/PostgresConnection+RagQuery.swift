import Logging
import PostgresNIO

extension PostgresConnection {
    /// `zenglow_api.rag_query`: hybrid retrieval for the transaction's tenant, one statement.
    /// `degradedReason`, when given, is added to the answer as `degraded_reason` (why the caller
    /// could not embed the query; rag_query itself says `degraded: "no_embedding"`). The same
    /// statement reads what the query record needs from the answer (count, versions, model,
    /// results per source, the first ten document ids, the timing block), so the JSON is never
    /// parsed in Swift.
    public func ragQuery(
        _ arguments: RagQueryArguments, degradedReason: String? = nil, logger: Logger
    ) async throws -> RagQueryAnswer {
        let rows = try await query(
            """
            with answer as materialized (
                select zenglow_api.rag_query(\(arguments.query), \(arguments.embedding), \(Int32(arguments.topK)),
                    \(arguments.filtersJSON)::jsonb, \(arguments.explain), \(arguments.mode),
                    \(arguments.optionsJSON)::jsonb)
                    || case when \(degradedReason)::text is null then '{}'::jsonb
                        else jsonb_build_object('degraded_reason', \(degradedReason)::text) end as r)
            select r::text, jsonb_array_length(r -> 'results'), (r ->> 'weights_version')::bigint, r ->> 'model',
                (r ->> 'ltr_version')::bigint, r ->> 'degraded',
                coalesce(s.sources, '{}'), coalesce(s.counts, '{}'), coalesce(d.documents, '{}'),
                case when r -> 'timing' ?& array['prepare_ms', 'plan_ms', 'lexical_ms', 'vector_ms', 'features_ms',
                    'ltr_ms', 'fusion_ms', 'total_ms'] then array[(r #>> '{timing,prepare_ms}')::float8,
                    (r #>> '{timing,plan_ms}')::float8, (r #>> '{timing,lexical_ms}')::float8,
                    (r #>> '{timing,vector_ms}')::float8, (r #>> '{timing,features_ms}')::float8,
                    (r #>> '{timing,ltr_ms}')::float8, (r #>> '{timing,fusion_ms}')::float8,
                    (r #>> '{timing,total_ms}')::float8] end
            from answer
            cross join lateral (
                select array_agg(g.source order by g.source) as sources, array_agg(g.n order by g.source) as counts
                from (
                    select coalesce(e ->> 'source', '') as source, count(*) as n
                    from jsonb_array_elements(r -> 'results') e
                    group by 1) g) s
            cross join lateral (
                select array_agg(coalesce(e ->> 'document_id', '') order by i) as documents
                from jsonb_array_elements(r -> 'results') with ordinality t (e, i)
                where i <= 10) d
            """, logger: logger)
        for try await (json, count, version, model, ltrVersion, degraded, sources, counts, documents, timing)
            in rows.decode(
                (String, Int?, Int64?, String?, Int64?, String?, [String], [Int64], [String], [Double]?).self)
        {
            return RagQueryAnswer(
                json: json, resultCount: count, weightsVersion: version, model: model, ltrVersion: ltrVersion,
                degraded: degraded,
                resultSources: Dictionary(zip(sources, counts.map(Int.init)), uniquingKeysWith: +),
                topDocuments: documents, timing: timing.flatMap(RagQueryTiming.init))
        }
        throw DatabaseError(.server, "zenglow_api.rag_query returned no row")
    }
}
