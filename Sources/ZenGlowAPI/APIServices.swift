import Logging

/// What the routes share: the database pool, caches, the change feed, metrics and the
/// asynchronous writer of timings.
public struct APIServices: Sendable {
    public let configuration: APIConfiguration
    public let database: APIDatabase
    public let metrics: APIMetrics
    public let weights: FusionWeightsCache
    public let keys: APIKeyCache
    public let feed: ChangeFeed
    public let listenerStatus: ListenerStatus
    public let recorder: PerformanceRecorder
    public let embedder: (any QueryEmbedder)?
    public let logger: Logger
}
