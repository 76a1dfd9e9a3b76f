import Foundation
import Logging
import PostgresNIO
import ZenGlowDB

/// Calls `zenglow_api.rag_query` for one tenant on one connection, through ZenGlowDB's typed client,
/// each call scoped to the tenant (and, when given, acting as the API's role), with the tenant's
/// retrieval settings (no options, as the API calls it) or with `options` given in full.
struct RagQueryClient {
    struct Candidate: Decodable {
        let documentID: String
        let score: Double
        let features: Features?

        enum CodingKeys: String, CodingKey {
            case documentID = "document_id"
            case score, features
        }
    }

    struct Features: Decodable {
        let bm25: Double
        let cosine: Double?
        let titleMatch: Double
        let recency: Double
        let sourcePrior: Double
        let chunkLength: Double

        enum CodingKeys: String, CodingKey {
            case bm25, cosine, recency
            case titleMatch = "title_match"
            case sourcePrior = "source_prior"
            case chunkLength = "chunk_length"
        }
    }

    struct Response: Decodable {
        let results: [Candidate]
    }

    let connection: PostgresConnection
    let tenant: String
    /// The role queries act as (`zenglow_app` to measure what the API sees); nil keeps the connection's.
    var role: String? = nil
    let logger: Logger
    /// nil: rag_query takes every option from the tenant's settings.
    var options: RetrievalSettings? = nil

    /// A top_k that returns every candidate of both branches (at most rag_query's 1000): fitting
    /// sees them all. The candidates option is given explicitly, so top_k does not raise it.
    var allCandidates: Int { min(2 * (options ?? .defaults).candidates, 1000) }

    func query(_ text: String, embedding: [Float]?, topK: Int, mode: String, explain: Bool = false) async throws
        -> [Candidate]
    {
        let arguments = RagQueryArguments(
            query: text, embedding: embedding, topK: topK, explain: explain, mode: mode,
            optionsJSON: options?.json ?? "{}")
        let answer = try await connection.withTenant(tenant, role: role, logger: logger) {
            try await $0.ragQuery(arguments, logger: logger)
        }
        return try JSONDecoder().decode(Response.self, from: Data(answer.json.utf8)).results
    }
}
