/// The arguments of `zenglow_api.rag_query`, already validated by the caller.
public struct RagQueryArguments: Sendable {
    public var query: String
    public var embedding: [Float]?
    public var topK: Int
    /// A JSON object, checked in SQL by `zenglow.retrieval_filter`.
    public var filtersJSON: String
    public var explain: Bool
    /// `fusion`, `rrf`, `bm25` or `vector`.
    public var mode: String
    /// A JSON object of retrieval options (`candidates`, `k1`, `b`, `lexical_budget`).
    public var optionsJSON: String

    public init(
        query: String, embedding: [Float]? = nil, topK: Int = 10, filtersJSON: String = "{}", explain: Bool = false,
        mode: String = "fusion", optionsJSON: String = "{}"
    ) {
        self.query = query
        self.embedding = embedding
        self.topK = topK
        self.filtersJSON = filtersJSON
        self.explain = explain
        self.mode = mode
        self.optionsJSON = optionsJSON
    }
}
