import Foundation

/// The retrieval settings `rag_query` uses when a call gives no option of its own: BM25 `k1` and
/// `b`, candidates per branch (never fewer than top_k) and the lexical budget. Stored per tenant
/// in `zenglow.retrieval_settings`; `zenglow eval` and `zenglow ltr fit` rank with them, as the API does.
public struct RetrievalSettings: Sendable, Equatable, Codable {
    public var k1: Double
    public var b: Double
    public var candidates: Int
    public var lexicalBudget: Int

    /// The built-in defaults (`zenglow.retrieval_settings_defaults()`).
    public static let defaults = RetrievalSettings(k1: 1.2, b: 0.75, candidates: 200, lexicalBudget: 5000)

    public init(k1: Double, b: Double, candidates: Int, lexicalBudget: Int) {
        self.k1 = k1
        self.b = b
        self.candidates = candidates
        self.lexicalBudget = lexicalBudget
    }

    enum CodingKeys: String, CodingKey {
        case k1, b, candidates
        case lexicalBudget = "lexical_budget"
    }

    /// These settings with the given fields replaced (nil keeps a field).
    public func overriding(k1: Double? = nil, b: Double? = nil, candidates: Int? = nil, lexicalBudget: Int? = nil)
        -> RetrievalSettings
    {
        RetrievalSettings(
            k1: k1 ?? self.k1, b: b ?? self.b, candidates: candidates ?? self.candidates,
            lexicalBudget: lexicalBudget ?? self.lexicalBudget)
    }

    /// All four as `rag_query` options (or a settings object), keys sorted.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// "k1 0.9, b 0.4, candidates 200, lexical_budget 5000".
    public var summary: String {
        "k1 \(Self.number(k1)), b \(Self.number(b)), candidates \(candidates), lexical_budget \(lexicalBudget)"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(format: "%.1f", value) : String(format: "%g", value)
    }
}
