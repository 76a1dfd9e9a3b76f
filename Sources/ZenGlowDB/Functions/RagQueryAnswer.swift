/// What `zenglow_api.rag_query` answered: its JSON as the server wrote it, and the few fields the
/// timings record needs, read in SQL rather than by decoding the whole answer again in Swift.
public struct RagQueryAnswer: Sendable {
    public let json: String
    public let resultCount: Int?
    public let weightsVersion: Int64?
    public let model: String?
}
