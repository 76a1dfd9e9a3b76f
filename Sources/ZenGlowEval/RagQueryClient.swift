import Foundation
import Logging
import PostgresNIO

/// Calls `zenglow_api.rag_query` on one connection whose session already has its tenant set.
struct RagQueryClient {
    /// Candidates per branch, as rag_query fetches by default; fitting sees every one of both.
    static let candidatesPerBranch = 200

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
    let logger: Logger
    let optionsJSON: String

    func query(_ text: String, embedding: [Float]?, topK: Int, mode: String, explain: Bool = false) async throws
        -> [Candidate]
    {
        let options = optionsJSON.dropLast() + ", \"candidates\": \(Self.candidatesPerBranch)}"
        let rows = try await connection.query(
            """
            select zenglow_api.rag_query(\(text), \(embedding), \(Int32(topK)), '{}'::jsonb, \(explain), \(mode),
                \(String(options))::jsonb)::text
            """,
            logger: logger
        )
        for try await json in rows.decode(String.self) {
            return try JSONDecoder().decode(Response.self, from: Data(json.utf8)).results
        }
        return []
    }
}
