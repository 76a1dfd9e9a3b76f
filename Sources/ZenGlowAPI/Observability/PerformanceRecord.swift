import Foundation

/// One request's timings, as a row of zenglow.query_performance (milliseconds).
public struct PerformanceRecord: Sendable, Encodable {
    public var tenant: String
    public var requestID: String
    public var endpoint: String
    public var status: Int
    public var topK: Int?
    public var resultCount: Int?
    public var weightsVersion: Int64?
    public var model: String?
    /// Answered from the response cache.
    public var cacheHit = false
    public var embedMilliseconds: Double?
    public var retrieveMilliseconds: Double?
    public var totalMilliseconds: Double
    public var timestamp = Date()

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
        case endpoint, status, model
        case cacheHit = "cache_hit"
        case topK = "top_k"
        case resultCount = "result_count"
        case weightsVersion = "weights_version"
        case embedMilliseconds = "embed_ms"
        case retrieveMilliseconds = "retrieve_ms"
        case totalMilliseconds = "total_ms"
        case timestamp = "ts"
    }
}
