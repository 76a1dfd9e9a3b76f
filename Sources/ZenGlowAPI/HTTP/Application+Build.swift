import AsyncHTTPClient
import Hummingbird
import Logging
import ServiceLifecycle
import ZenGlowDB
import ZenGlowEmbedding
import ZenGlowKeys

/// The parts of a running API: the HTTP application and what tests and the CLI want to reach.
public struct APIApplication: Sendable {
    public let application: Application<RouterResponder<APIRequestContext>>
    public let services: APIServices
}

/// Builds the API: its routes, middleware and the services that run beside the HTTP server
/// (connection pool, LISTEN, performance writer), in dependency order. The configured embedder is
/// made here (the local model loaded and checked: a bad model folder throws `EmbeddingError`
/// naming the file) unless `embedder` is given, which is used instead (tests pass a model loaded
/// once per process). `observability` (the trace exporter) runs first, so it stops last.
public func buildApplication(
    configuration: APIConfiguration, logger: Logger, embedder injected: (any TextEmbedder)? = nil,
    observability: [any Service] = []
) throws -> APIApplication {
    let embedder = try injected ?? configuration.makeEmbedder(logger: logger)
    let metrics = APIMetrics(poolSize: configuration.poolSize)
    let database = APIDatabase(configuration: configuration, logger: logger)
    let weights = FusionWeightsCache(database: database)
    let keys = APIKeyCache(ttl: configuration.keyCacheSeconds)
    let feed = ChangeFeed()
    let listenerStatus = ListenerStatus()
    let recorder = PerformanceRecorder(
        configuration: configuration, database: database, metrics: metrics, logger: logger)
    let redis =
        configuration.redisEnabled
        ? APIRedis(configuration: configuration.redis, metrics: metrics, logger: logger) : nil
    let queryCache = redis.flatMap { redis in
        configuration.cacheEnabled
            ? QueryCache(redis: redis, embedder: embedder.map(EmbedderDescription.init)?.cacheIdentity ?? "none")
            : nil
    }
    let services = APIServices(
        configuration: configuration, database: database, metrics: metrics, weights: weights, keys: keys, feed: feed,
        listenerStatus: listenerStatus, recorder: recorder, redis: redis, queryCache: queryCache,
        embedder: embedder, embedderProbe: EmbedderProbe(embedder: embedder),
        openAPIDocument: try OpenAPIDocument.load(), logger: logger)
    let listener = NotificationListener(
        configuration: configuration, weights: weights, keys: keys, feed: feed, status: listenerStatus,
        metrics: metrics, publisher: redis.map { BuildUpdatePublisher(redis: $0, metrics: metrics, logger: logger) },
        logger: logger)

    for warning in configuration.warnings { logger.warning("\(warning)") }
    if !configuration.redisEnabled {
        logger.warning(
            "Redis is off (REDIS_ENABLED=false): the rate limit and MAX_ACTIVE_SESSIONS hold per instance, no response cache, no build updates"
        )
    }
    if !configuration.apiKeysEnabled {
        logger.critical(
            "API KEYS ARE DISABLED (ENABLE_API_KEYS=false): every request acts for tenant \(Principal.devTenant) with all scopes. Never do this outside local development."
        )
    }

    // Dependency order: Redis first, so it shuts down last, after the listener that publishes on it.
    let background: [any Service] =
        observability + (redis.map { [$0.client] } ?? []) + [database.client]
        + (database.replica.map { [$0.client] } ?? []) + [listener, recorder]
    let application = Application(
        router: try buildRouter(services),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "zenglow"),
        services: background,
        logger: logger)
    return APIApplication(application: application, services: services)
}

/// Every route and the middleware around it.
func buildRouter(_ services: APIServices) throws -> Router<APIRequestContext> {
    let router = Router(context: APIRequestContext.self)
    let routes = RouteTable()
    router.add(middleware: RequestTracingMiddleware())
    router.add(middleware: RequestLogMiddleware(metrics: services.metrics, routes: routes))

    let health = HealthController(services: services)
    let operations = OperationsController(services: services)
    router.get("/health", use: health.live)
    router.get("/health/ready", use: health.ready)
    router.get("/health/models", use: health.models)
    router.get("/metrics", use: operations.prometheus)
    router.get("/metrics/json", use: operations.json)
    router.get("/openapi.json", use: operations.openAPI)

    let configuration = services.configuration
    let limiter = try makeRateLimiter(services)
    let devPrincipal = configuration.apiKeysEnabled ? nil : Principal.dev
    let authentication = AuthenticationMiddleware(
        database: services.database, keys: services.keys, limiter: limiter, metrics: services.metrics,
        devPrincipal: devPrincipal)
    let guarded = router.group().add(middleware: authentication)
    // Every /rag/query outcome is recorded once, from outside the key check so that its 429 is too.
    let recorded = router.group()
        .add(middleware: QueryOutcomeMiddleware(endpoint: "/rag/query", recorder: services.recorder))
        .add(middleware: authentication)
    let rag = RagQueryController(services: services)
    let weights = FusionWeightsController(services: services)
    let ingest = IngestController(services: services)
    let events = EventsController(services: services)
    let embeddings = EmbeddingsController(services: services)
    let sessions =
        configuration.maxActiveSessions > 0
        ? ActiveSessionMiddleware(
            limiter: try ActiveSessionLimiter(
                configuration: configuration, redis: services.redis, metrics: services.metrics)) : nil
    let capped = sessions.map { guarded.group().add(middleware: $0) } ?? guarded
    (sessions.map { recorded.group().add(middleware: $0) } ?? recorded).post("/rag/query", use: rag.query)
    guarded.get("/fusion/weights", use: weights.get)
    guarded.put("/fusion/weights", use: weights.put)
    capped.post("/ingest/batches", use: ingest.create)
    guarded.get("/ingest/batches/{tag}", use: ingest.get)
    guarded.get("/events", use: events.stream)
    guarded.post("/v1/embeddings", use: embeddings.create)
    guarded.get("/config/env", use: operations.configuration)
    routes.set(router.routes.map { ($0.method.rawValue, $0.path.description) })
    return router
}

/// The per-key rate limit: shared through Redis when it is enabled, else this instance's own.
func makeRateLimiter(_ services: APIServices) throws -> (any RateLimiter)? {
    let configuration = services.configuration
    guard configuration.rateLimitPerSecond > 0 else { return nil }
    if let redis = services.redis {
        return try SharedRateLimiter(
            redis: redis, perSecond: configuration.rateLimitPerSecond, burst: configuration.rateLimitBurst,
            metrics: services.metrics)
    }
    return TokenBucketRateLimiter(perSecond: configuration.rateLimitPerSecond, burst: configuration.rateLimitBurst)
}
