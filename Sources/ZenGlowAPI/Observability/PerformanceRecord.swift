import Foundation

/// One request's outcome and timings, as a row of zenglow.query_performance (milliseconds);
/// encoded as the fields `zenglow_api.record_performance` takes (nil fields are left out).
public struct PerformanceRecord: Sendable, Encodable {
    public var tenant: String
    public var requestID: String
    public var endpoint: String
    public var status: Int
    /// The API error code of a failed request (`rate_limited`, `invalid_embedding`, …).
    public var errorCode: String?
    /// Why a successful answer was degraded (`embedder_unavailable`, `no_embedding`).
    public var degradedReason: String?
    public var mode: String?
    public var topK: Int?
    public var resultCount: Int?
    public var weightsVersion: Int64?
    public var ltrVersion: Int64?
    public var model: String?
    /// Answered from the response cache.
    public var cacheHit = false
    public var embedMilliseconds: Double?
    public var retrieveMilliseconds: Double?
    /// Stage times inside rag_query: nil until it reports them.
    public var featuresMilliseconds: Double?
    public var ltrMilliseconds: Double?
    public var fusionMilliseconds: Double?
    public var totalMilliseconds: Double
    /// How many of the returned results came from each source.
    public var resultSources: [String: Int]?
    /// The document ids of the first (at most 10) results, in rank order.
    public var topDocuments: [String]?
    /// The query, scrubbed by ``QueryTextScrubber``; only with `LOG_QUERY_TEXT=true`.
    public var queryText: String?
    public var timestamp = Date()

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
        case endpoint, status, model, mode
        case errorCode = "error_code"
        case degradedReason = "degraded_reason"
        case cacheHit = "cache_hit"
        case topK = "top_k"
        case resultCount = "result_count"
        case weightsVersion = "weights_version"
        case ltrVersion = "ltr_version"
        case embedMilliseconds = "embed_ms"
        case retrieveMilliseconds = "retrieve_ms"
        case featuresMilliseconds = "features_ms"
        case ltrMilliseconds = "ltr_ms"
        case fusionMilliseconds = "fusion_ms"
        case totalMilliseconds = "total_ms"
        case resultSources = "result_sources"
        case topDocuments = "top_documents"
        case queryText = "query_text"
        case timestamp = "ts"
    }
}
