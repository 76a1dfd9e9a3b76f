import Logging
import PostgresNIO

extension PostgresConnection {
    /// `zenglow_api.rag_query`: hybrid retrieval for the transaction's tenant, one statement.
    /// `degradedReason`, when given, is added to the answer as `degraded_reason` (why the caller
    /// could not embed the query; rag_query itself says `degraded: "no_embedding"`). The same
    /// statement reads what the query record needs from the answer (count, versions, model,
    /// results per source, the first ten document ids), so the JSON is never parsed in Swift.
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
                coalesce(s.sources, '{}'), coalesce(s.counts, '{}'), coalesce(d.documents, '{}')
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
        for try await (json, count, version, model, ltrVersion, degraded, sources, counts, documents) in rows.decode(
            (String, Int?, Int64?, String?, Int64?, String?, [String], [Int64], [String]).self)
        {
            return RagQueryAnswer(
                json: json, resultCount: count, weightsVersion: version, model: model, ltrVersion: ltrVersion,
                degraded: degraded,
                resultSources: Dictionary(zip(sources, counts.map(Int.init)), uniquingKeysWith: +),
                topDocuments: documents)
        }
        throw DatabaseError(.server, "zenglow_api.rag_query returned no row")
    }
}
