import Logging
import PostgresNIO

extension PostgresConnection {
    /// `zenglow_api.rag_query`: hybrid retrieval for the transaction's tenant, one statement.
    /// `degradedReason`, when given, is added to the answer as `degraded_reason` (why the caller
    /// could not embed the query; rag_query itself says `degraded: "no_embedding"`).
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
            select r::text, jsonb_array_length(r -> 'results'), (r ->> 'weights_version')::bigint, r ->> 'model'
            from answer
            """, logger: logger)
        for try await (json, count, version, model) in rows.decode((String, Int?, Int64?, String?).self) {
            return RagQueryAnswer(json: json, resultCount: count, weightsVersion: version, model: model)
        }
        throw DatabaseError(.server, "zenglow_api.rag_query returned no row")
    }
}
