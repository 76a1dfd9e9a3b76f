import Foundation
import Hummingbird

/// `GET /metrics` (Prometheus text), `GET /metrics/json`, `GET /config/env` (admin scope;
/// secrets removed) and `GET /openapi.json`.
struct OperationsController {
    let services: APIServices

    func prometheus(_ request: Request, context: APIRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: services.metrics.prometheusText())))
    }

    func json(_ request: Request, context: APIRequestContext) async throws -> Response {
        struct Body: Encodable {
            let metrics: [String: Double]
            let process: ProcessStats
            let models: [HealthController.SchemaStatus.Model]?
        }
        let models = try? await HealthController(services: services).modelsList(context)
        return try Response.json(
            encoding: Body(metrics: services.metrics.samples(), process: .read(), models: models))
    }

    func configuration(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try context.principal(requiring: .admin)
        return try Response.json(encoding: services.configuration.effectiveEnvironment())
    }

    func openAPI(_ request: Request, context: APIRequestContext) async throws -> Response {
        Response.json(services.openAPIDocument)
    }
}

extension APIConfiguration {
    /// The configuration in effect, by environment variable name, with every secret removed:
    /// the database password is masked, API keys are reported as set or not.
    public func effectiveEnvironment() -> [String: String] {
        var environment: [String: String] = [
            "ZENGLOW_PROFILE": profile.rawValue,
            "HTTP_HOST": host, "HTTP_PORT": String(port),
            "DATABASE_URL": database.url.redacted, "DATABASE_ROLE": databaseRole,
            "DATABASE_POOL_SIZE": String(poolSize),
            "DATABASE_READ_URL": database.readURL?.redacted ?? "(not set)",
            "DATABASE_READ_POOL_SIZE": String(readPoolSize), "READ_LSN_WAIT_MS": String(readLSNWaitMilliseconds),
            "READ_CONNECT_TIMEOUT_MS": String(readConnectTimeoutMilliseconds),
            "READ_REPLICA_RETRY_MS": String(readRetryMilliseconds),
            "READ_REPLICA_RETRY_MAX_MS": String(readRetryMaxMilliseconds),
            "DATABASE_LISTEN_URL": database.listenTarget.redacted,
            "REDIS_ENABLED": String(redisEnabled), "CACHE_ENABLED": String(cacheEnabled),
            "ENABLE_API_KEYS": String(apiKeysEnabled),
            "RATE_LIMIT_PER_SECOND": String(rateLimitPerSecond), "RATE_LIMIT_BURST": String(rateLimitBurst),
            "MAX_ACTIVE_SESSIONS": String(maxActiveSessions),
            "MAX_ACTIVE_SESSIONS_WAIT_MS": String(activeSessionWaitMilliseconds),
            "SESSION_LEASE_SECONDS": String(sessionLeaseSeconds),
            "RAG_TOP_K_DEFAULT": String(topKDefault), "RAG_TOP_K_MAX": String(topKMax),
            "RAG_FUSION_MODE": fusionMode, "RAG_FUSION_CANDIDATES": String(fusionCandidates),
            "QUERY_MAX_BODY_BYTES": String(queryMaxBodyBytes), "INGEST_MAX_BODY_BYTES": String(ingestMaxBodyBytes),
            "LOG_QUERY_TEXT": String(logQueryText), "LOG_LEVEL": logLevel,
            "WEIGHTS_POLL_SECONDS": String(weightsPollSeconds), "KEY_CACHE_SECONDS": String(keyCacheSeconds),
            "LISTENER_BACKOFF_MAX_MS": String(listenerBackoffMaxMilliseconds),
            "PERFORMANCE_BUFFER": String(performanceBuffer), "PERFORMANCE_BATCH": String(performanceBatch),
            "PERFORMANCE_FLUSH_MS": String(performanceFlushMilliseconds),
        ]
        environment.merge(redis.effectiveEnvironment()) { $1 }
        environment["EMBED_PROVIDER"] = embedProvider.rawValue
        if embedProvider == .local {
            environment["EMBED_MODEL_DIR"] = embedModelDirectory
            environment["EMBED_THREADS"] = String(embedThreads)
        }
        if let embedder {
            environment["EMBED_BASE_URL"] = embedder.baseURL
            environment["EMBED_MODEL"] = embedder.model
            environment["EMBED_DIMENSIONS"] = String(embedder.dimensions)
            environment["EMBED_TIMEOUT_MS"] = String(embedder.timeoutMilliseconds)
            environment["EMBED_API_KEY"] = embedder.apiKey == nil ? "(not set)" : "(set)"
        }
        return environment
    }
}
