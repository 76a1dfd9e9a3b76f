/// What the response cache did for one `POST /rag/query`; the answer's `cache` field.
public enum CacheOutcome: String, Sendable, Codable {
    /// Served from Redis: the body is the stored answer.
    case hit
    /// Not in Redis: answered by the database and stored.
    case miss
    /// The cache was not used: disabled, Redis unreachable, or the answer is not cacheable (a
    /// degraded answer, given while the embedder was down).
    case bypass
}
