import Logging
import NIOPosix
import ServiceLifecycle
import Synchronization

/// Redis for async code: a small pool of blocking hiredis connections, used only on threads of
/// the client's own (`REDIS_POOL_SIZE` of them), never on an NIO event loop or the cooperative pool.
///
/// Connections are made lazily and kept in a free list of at most `REDIS_POOL_SIZE`; one that
/// fails is discarded and the next call connects afresh (AUTH, SELECT again), so the client
/// recovers from a Redis restart by itself. A pooled connection Redis had closed (a restart, an
/// idle timeout) is retried once on a fresh connection; a timeout is not retried, as the command
/// may have run. After a failure every call throws ``CacheError/Code/unavailable`` at once,
/// without touching the network, for `REDIS_RETRY_MS`; then one call tries again.
///
/// A `Service`: `run()` waits for graceful shutdown, then closes every connection.
public final class RedisClient: Service, Sendable {
    /// What the client connects to.
    public let configuration: RedisConfiguration
    let logger: Logger
    let pool: ConnectionPool
    private let threads: NIOThreadPool
    /// Calls admitted and not finished: queued for a thread or running.
    private let inFlight = Atomic<Int>(0)
    /// How many calls may wait for the pool's threads at once; beyond it a call fails at once
    /// (``CacheError/Code/busy``) instead of queueing without bound behind a slow Redis.
    public var maximumInFlight: Int { configuration.poolSize * 256 }

    /// A client of `configuration`; it starts its threads but connects on first use.
    public init(configuration: RedisConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        pool = ConnectionPool(
            capacity: configuration.poolSize, retry: .milliseconds(configuration.retryMilliseconds),
            endpoint: configuration.endpoint)
        threads = NIOThreadPool(numberOfThreads: configuration.poolSize)
        threads.start()
    }

    deinit {
        // A running NIOThreadPool must not be deinitialised; stopping a stopped one is harmless.
        threads.shutdownGracefully { _ in }
    }

    /// Whether the last call reached Redis (false from a connection failure until a call succeeds).
    public var isAvailable: Bool { pool.isAvailable }

    /// Sends one command, arguments binary-safe. A Redis error reply throws
    /// ``CacheError/Code/commandFailed``; an unreachable Redis ``CacheError/Code/unavailable``
    /// (or ``CacheError/Code/authenticationFailed`` when AUTH was refused).
    public func command(_ arguments: [[UInt8]]) async throws -> RedisReply {
        try await withConnection { try $0.command(arguments) }
    }

    /// Sends one command whose arguments are text.
    public func command(_ arguments: String...) async throws -> RedisReply {
        try await command(arguments.map { Array($0.utf8) })
    }

    /// Runs `body` with a connection on one of the client's threads. `body` may run twice — again
    /// on a fresh connection — when a pooled connection turns out to have been closed by Redis
    /// before the first command reached it.
    func withConnection<Result: Sendable>(
        _ body: @escaping @Sendable (RedisConnection) throws -> Result
    ) async throws -> Result {
        let admitted = inFlight.wrappingAdd(1, ordering: .relaxed).newValue
        defer { inFlight.wrappingSubtract(1, ordering: .relaxed) }
        guard admitted <= maximumInFlight else {
            throw CacheError(
                .busy, "\(maximumInFlight) Redis calls are already queued or running (REDIS_POOL_SIZE × 256)")
        }
        let admission = try pool.admit()
        let queued = ContinuousClock.now
        let patience = Duration.milliseconds(configuration.commandTimeoutMilliseconds)
        do {
            return try await runOnPool {
                // A call that waited its whole timeout for a thread is late already: its caller
                // is better served by failing now than by one more round trip.
                // An outage that began meanwhile is the better answer (unavailable, not busy).
                try self.pool.confirm(admission)
                let waited = ContinuousClock.now - queued
                guard waited <= patience else {
                    throw CacheError(
                        .busy, "a Redis call waited \(waited) for one of the \(self.configuration.poolSize) threads")
                }
                return try self.perform(body, admission)
            }
        } catch {
            pool.abandon(admission)
            throw error
        }
    }

    /// Runs blocking `body` on one of the client's threads; after shutdown it throws
    /// ``CacheError/Code/shutDown`` (a call still queued then is cancelled).
    func runOnPool<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        do {
            return try await threads.runIfActive(body)
        } catch {
            if pool.isShutDown, !(error is CacheError) { throw pool.shutDownError() }
            throw error
        }
    }

    private func perform<Result>(_ body: (RedisConnection) throws -> Result, _ admission: ConnectionPool.Admission)
        throws -> Result
    {
        try pool.confirm(admission)
        var reused = true
        var connection: RedisConnection
        if let idle = pool.take() {
            connection = idle
        } else {
            reused = false
            connection = try connect()
        }
        while true {
            do {
                let result = try body(connection)
                finish(connection, admission)
                return result
            } catch let error as CacheError where connection.failure != nil {
                if reused, connection.failure == .closedByPeer {
                    reused = false
                    connection = try connect()
                    continue
                }
                throw markDown(error.message)
            } catch {
                // Redis answered (an error reply, a reply the caller refused): the connection is fine.
                finish(connection, admission)
                throw error
            }
        }
    }

    private func finish(_ connection: RedisConnection, _ admission: ConnectionPool.Admission) {
        pool.give(connection)
        if pool.succeeded(admission) {
            logger.info("Redis reachable again", metadata: ["zg.redis": "\(configuration.endpointDescription)"])
        }
    }

    /// A fresh connection; a failure starts the outage window. AUTH refusals keep their code.
    private func connect() throws -> RedisConnection {
        do {
            return try RedisConnection(configuration: configuration)
        } catch let error as CacheError {
            let down = markDown(error.message)
            throw error.code == .authenticationFailed ? error : down
        }
    }

    private func markDown(_ reason: String) -> CacheError {
        let (error, began) = pool.failed(reason)
        if began {
            logger.warning(
                "Redis unreachable; calls fail at once until a retry succeeds",
                metadata: [
                    "zg.redis": "\(configuration.endpointDescription)", "zg.error": "\(reason)",
                    "zg.redis.retry_ms": "\(configuration.retryMilliseconds)",
                ])
        }
        return error
    }

    /// Waits for graceful shutdown, then ``shutdown()``.
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }

    /// Closes every idle connection and stops the threads once the calls in flight are done;
    /// later calls throw ``CacheError/Code/shutDown``. Calling it twice is harmless.
    public func shutdown() async {
        _ = pool.shutDown()
        try? await threads.shutdownGracefully()
    }
}
