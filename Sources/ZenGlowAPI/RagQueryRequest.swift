import Foundation

/// A validated `POST /rag/query` body.
public struct RagQueryRequest: Sendable {
    static let fields: Set<String> = ["query", "top_k", "filters", "embedding", "explain", "mode"]
    static let modes = ["fusion", "rrf", "bm25", "vector"]
    static let maxQueryCharacters = 4096

    public var query: String
    public var topK: Int
    /// The filters object as JSON text, checked in SQL by zenglow.retrieval_filter.
    public var filtersJSON: String
    public var embedding: [Float]?
    public var explain: Bool
    public var mode: String

    /// Validates a parsed body; every problem names its field.
    init(object: [String: Any], defaults: APIConfiguration) throws {
        guard let query = object["query"] as? String else {
            throw APIError(.badRequest, .invalidRequest, "field 'query' is required and must be a string")
        }
        guard !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
            query.count <= Self.maxQueryCharacters
        else {
            throw APIError(
                .badRequest, .invalidRequest,
                "field 'query' must hold 1 to \(Self.maxQueryCharacters) characters, not only blanks")
        }
        self.query = query
        topK = defaults.topKDefault
        if let value = object["top_k"] {
            guard let number = value as? NSNumber, !Self.isBoolean(number),
                let integer = Int(exactly: number.doubleValue),
                (1...defaults.topKMax).contains(integer)
            else {
                throw APIError(
                    .badRequest, .invalidRequest, "field 'top_k' must be an integer from 1 to \(defaults.topKMax)")
            }
            topK = integer
        }
        filtersJSON = "{}"
        if let filters = object["filters"], !(filters is NSNull) {
            guard filters is [String: Any] else {
                throw APIError(.badRequest, .invalidRequest, "field 'filters' must be a JSON object")
            }
            filtersJSON = String(decoding: try JSONSerialization.data(withJSONObject: filters), as: UTF8.self)
        }
        if let value = object["embedding"], !(value is NSNull) {
            guard let numbers = value as? [NSNumber], !numbers.isEmpty, !numbers.contains(where: Self.isBoolean) else {
                throw APIError(
                    .unprocessableContent, .invalidEmbedding, "field 'embedding' must be an array of numbers")
            }
            let floats = numbers.map { $0.floatValue }
            guard floats.allSatisfy(\.isFinite) else {
                throw APIError(.unprocessableContent, .invalidEmbedding, "field 'embedding' holds a non-finite number")
            }
            embedding = floats
        }
        explain = false
        if let value = object["explain"] {
            guard let number = value as? NSNumber, Self.isBoolean(number) else {
                throw APIError(.badRequest, .invalidRequest, "field 'explain' must be true or false")
            }
            explain = number.boolValue
        }
        mode = defaults.fusionMode
        if let value = object["mode"] {
            guard let text = value as? String, Self.modes.contains(text) else {
                throw APIError(
                    .badRequest, .invalidRequest, "field 'mode' must be one of \(Self.modes.joined(separator: ", "))")
            }
            mode = text
        }
    }

    /// JSONSerialization hands true and false over as NSNumbers of C type char ("c"); numbers
    /// arrive as integers or doubles.
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }
}
