import CoreMetrics
import Logging
import Synchronization
import ZenGlowCache

/// The API's Redis: one client (a small pool of blocking hiredis connections on threads of its
/// own, never an event loop) shared by the rate limit, the session cap, the response cache and
/// the build-update publisher. Redis is an accelerator, never a dependency of an answer: every
/// use goes through ``attempt(_:_:)``, which turns a failure into nil, logs the first failure and
/// the recovery (not every request), and keeps `zenglow_redis_up` current.
public final class APIRedis: Sendable {
    public let client: RedisClient
    public let configuration: RedisConfiguration
    private let metrics: APIMetrics
    /// `zenglow_redis_up`, registered here rather than with the other metrics: an API without
    /// Redis (`REDIS_ENABLED=false`) has no such series, so the Redis-down alert cannot fire on it.
    private let up: CoreMetrics.Gauge
    private let logger: Logger
    /// Whether the last call succeeded; flips log one line each way.
    private let reachable = Mutex(true)

    init(configuration: RedisConfiguration, metrics: APIMetrics, logger: Logger) {
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        // This type logs the loss and the recovery, saying what the API does meanwhile; the
        // client's own lines about the same transitions would only repeat them.
        var quiet = logger
        quiet.logLevel = .error
        client = RedisClient(configuration: configuration, logger: quiet)
        up = CoreMetrics.Gauge(label: "zenglow_redis_up", factory: metrics.factory)
        up.record(1)
    }

    /// Whether the last Redis call succeeded (readiness).
    var isReachable: Bool { reachable.withLock { $0 } }

    /// Runs `body` against Redis; nil when Redis failed (`use` names what goes without it in the
    /// log line).
    func attempt<Result: Sendable>(_ use: String, _ body: (RedisClient) async throws -> Result) async -> Result? {
        do {
            let result = try await body(client)
            noteReachable(true, use: use, error: nil)
            return result
        } catch {
            // Only a Redis that cannot be reached changes the state; a refused command (OOM,
            // READONLY) or a cancelled request says nothing about reachability.
            if let cacheError = error as? CacheError, Self.unreachableCodes.contains(cacheError.code) {
                noteReachable(false, use: use, error: error)
            }
            return nil
        }
    }

    static let unreachableCodes: Set<CacheError.Code> = [.unavailable, .connectionFailed, .authenticationFailed]

    /// Connects afresh, authenticates and pings once (start-up).
    func probe() async -> Result<Void, CacheError> {
        await check("probe") { try await $0.probe() }
    }

    /// PING through the pool (readiness): no connection of its own, at once while Redis is down.
    func ping() async -> Result<Void, CacheError> {
        await check("readiness") { _ = try await $0.command("PING") }
    }

    /// `call`'s outcome as a result, noting reachability as ``attempt(_:_:)`` does.
    private func check(_ use: String, _ call: (RedisClient) async throws -> Void) async -> Result<Void, CacheError> {
        do {
            try await call(client)
            noteReachable(true, use: use, error: nil)
            return .success(())
        } catch {
            let failure = error as? CacheError ?? CacheError(.connectionFailed, "\(error)")
            if Self.unreachableCodes.contains(failure.code) { noteReachable(false, use: use, error: failure) }
            return .failure(failure)
        }
    }

    private func noteReachable(_ now: Bool, use: String, error: (any Error)?) {
        let before = reachable.withLock { state in
            defer { state = now }
            return state
        }
        guard before != now else { return }
        up.record(now ? 1 : 0)
        if now {
            logger.info("Redis reachable again", metadata: ["zg.redis": "\(configuration.endpointDescription)"])
        } else {
            logger.warning(
                "Redis unreachable: per-instance rate limit and session cap, no response cache, no build updates until it is back",
                metadata: [
                    "zg.redis": "\(configuration.endpointDescription)", "zg.redis.use": "\(use)",
                    "zg.error": "\(error.map { "\($0)" } ?? "")",
                ])
        }
    }
}
