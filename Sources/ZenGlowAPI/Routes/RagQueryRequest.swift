import ZenGlowDB

/// A `POST /rag/query` body as the client sent it; ``arguments(configuration:)`` validates it.
struct RagQueryRequest: Decodable, Sendable {
    static let modes = ["fusion", "rrf", "bm25", "vector"]
    static let maxQueryCharacters = 4096

    enum CodingKeys: String, CodingKey, CaseIterable {
        case query, filters, embedding, explain, mode
        case topK = "top_k"
        case minLSN = "min_lsn"
    }

    let query: String
    let topK: Int?
    let filters: JSONValue?
    let embedding: [Double]?
    let explain: Bool?
    let mode: String?
    /// The WAL position (`commit_lsn` of a batch response) the answer must reflect at least.
    let minLSN: String?

    init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownFields(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        query = try container.decode(String.self, forKey: .query).refusingNUL(field: "query")
        topK = try container.decodeIntegerIfPresent(forKey: .topK)
        filters = try container.decodeIfPresent(JSONValue.self, forKey: .filters)
        embedding = try container.decodeIfPresent([Double].self, forKey: .embedding)
        explain = try container.decodeIfPresent(Bool.self, forKey: .explain)
        mode = try container.decodeIfPresent(String.self, forKey: .mode)
        minLSN = try container.decodeIfPresent(String.self, forKey: .minLSN)
    }

    /// `min_lsn` as a WAL position; nil when absent.
    func minimumPosition() throws -> WALPosition? {
        guard let minLSN else { return nil }
        guard let position = WALPosition(minLSN) else {
            throw APIError(
                .badRequest, .invalidRequest,
                "field 'min_lsn' must be a WAL position such as '0/16B3748' (a batch response's commit_lsn)")
        }
        return position
    }

    /// The call's arguments; every problem names its field.
    func arguments(configuration: APIConfiguration) throws -> RagQueryArguments {
        guard !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, query.count <= Self.maxQueryCharacters
        else {
            throw APIError(
                .badRequest, .invalidRequest,
                "field 'query' must hold 1 to \(Self.maxQueryCharacters) characters, not only blanks")
        }
        let topK = self.topK ?? configuration.topKDefault
        guard (1...configuration.topKMax).contains(topK) else {
            throw APIError(
                .badRequest, .invalidRequest, "field 'top_k' must be an integer from 1 to \(configuration.topKMax)")
        }
        if let filters, filters != .null, !filters.isObject {
            throw APIError(.badRequest, .invalidRequest, "field 'filters' must be a JSON object")
        }
        let mode = self.mode ?? configuration.fusionMode
        guard Self.modes.contains(mode) else {
            throw APIError(
                .badRequest, .invalidRequest, "field 'mode' must be one of \(Self.modes.joined(separator: ", "))")
        }
        return RagQueryArguments(
            query: query, embedding: try embedding.map { try Self.queryEmbedding($0) }, topK: topK,
            filtersJSON: filters.map { $0 == .null ? "{}" : $0.jsonText } ?? "{}", explain: explain ?? false,
            mode: mode, optionsJSON: #"{"candidates": \#(max(configuration.fusionCandidates, topK))}"#)
    }

    /// A query embedding the client sent, as 32-bit floats; refused (422) when a value does not
    /// fit a float or cosine would be undefined for it.
    static func queryEmbedding(_ values: [Double]) throws -> [Float] {
        if let index = values.firstIndex(where: { !$0.isFinite || abs($0) > Double(Float.greatestFiniteMagnitude) }) {
            throw APIError(
                .unprocessableContent, .invalidEmbedding,
                "field 'embedding' holds a value that is not a finite 32-bit float at index \(index)")
        }
        let floats = values.map(Float.init)
        if let problem = EmbeddingProblem.find(in: floats) {
            throw APIError(.unprocessableContent, .invalidEmbedding, "field 'embedding' \(problem)")
        }
        return floats
    }
}
