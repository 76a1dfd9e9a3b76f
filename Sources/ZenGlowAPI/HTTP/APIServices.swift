import Logging
import PostgresNIO
import ZenGlowDB
import ZenGlowEmbedding

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
    /// Redis, unless `REDIS_ENABLED=false`.
    public let redis: APIRedis?
    /// The `POST /rag/query` response cache: Redis enabled and `CACHE_ENABLED`.
    let queryCache: QueryCache?
    /// Embeds query text, `POST /v1/embeddings` input and chunks ingested without a vector; nil
    /// when `EMBED_PROVIDER=none`.
    public let embedder: (any TextEmbedder)?
    /// Whether ``embedder`` can answer, for readiness.
    let embedderProbe: EmbedderProbe
    /// The OpenAPI document served at `/openapi.json`.
    public let openAPIDocument: String
    public let logger: Logger

    /// Runs `body` on a pooled connection in a transaction scoped to `tenant` and the request,
    /// counted as a connection in use. While a trace is active, its id goes into the transaction's
    /// `application_name` beside the request id, in the same statement that scopes the tenant (no
    /// extra round trip).
    func withTenant<Result: Sendable>(
        _ tenant: String, context: APIRequestContext, _ body: @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await metrics.usingDatabase {
            try await database.client.withTenant(
                tenant, requestID: TraceIdentity.databaseLabel(requestID: context.requestID), logger: context.logger,
                body)
        }
    }
}
