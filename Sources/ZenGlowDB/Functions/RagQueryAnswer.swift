/// What `zenglow_api.rag_query` answered: its JSON as the server wrote it, and the fields the
/// query record needs, read in SQL rather than by decoding the whole answer again in Swift.
public struct RagQueryAnswer: Sendable {
    public let json: String
    public let resultCount: Int?
    public let weightsVersion: Int64?
    public let model: String?
    /// The LTR model's version, when one is active.
    public let ltrVersion: Int64?
    /// rag_query's own `degraded` (`no_embedding`: a fusion or rrf query answered lexically).
    public let degraded: String?
    /// How many of the returned results came from each source.
    public let resultSources: [String: Int]
    /// The document ids of the first (at most 10) results, in rank order.
    public let topDocuments: [String]
    /// rag_query's own stage timings (its `timing` block).
    public let timing: RagQueryTiming?

    public init(
        json: String, resultCount: Int?, weightsVersion: Int64?, model: String?, ltrVersion: Int64? = nil,
        degraded: String? = nil, resultSources: [String: Int] = [:], topDocuments: [String] = [],
        timing: RagQueryTiming? = nil
    ) {
        self.json = json
        self.resultCount = resultCount
        self.weightsVersion = weightsVersion
        self.model = model
        self.ltrVersion = ltrVersion
        self.degraded = degraded
        self.resultSources = resultSources
        self.topDocuments = topDocuments
        self.timing = timing
    }
}
