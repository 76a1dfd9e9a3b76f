import Foundation
import ZenGlowCache

/// `MAX_ACTIVE_SESSIONS`: the queries and ingests in flight across all instances, held in Redis
/// as leases (Stripe's concurrency limiter: a sorted set of lease ids scored by expiry), so a
/// slot held by an instance that died frees itself after `SESSION_LEASE_SECONDS`; a live request
/// renews its lease every third of that. Over the cap a request waits up to
/// `MAX_ACTIVE_SESSIONS_WAIT_MS` for a slot, polling with a short jittered back-off, then gets
/// 503 `overloaded` with `Retry-After` — it never joins an unbounded pile of requests that time
/// out. Without Redis the cap is this instance's (``LocalSessionGate``).
struct ActiveSessionLimiter: Sendable {
    /// Redis and the limiter over it; nil when `REDIS_ENABLED=false`.
    let shared: (redis: APIRedis, limiter: RedisConcurrencyLimiter)?
    let local: LocalSessionGate
    let limit: Int
    let wait: Duration
    let lease: Duration
    let metrics: APIMetrics

    init(configuration: APIConfiguration, redis: APIRedis?, metrics: APIMetrics) throws {
        limit = configuration.maxActiveSessions
        wait = .milliseconds(configuration.activeSessionWaitMilliseconds)
        lease = .seconds(configuration.sessionLeaseSeconds)
        shared = try redis.map { redis in
            (
                redis,
                try RedisConcurrencyLimiter(
                    client: redis.client, prefix: redis.configuration.keyPrefix,
                    policy: ConcurrencyPolicy(
                        limit: configuration.maxActiveSessions,
                        leaseMilliseconds: configuration.sessionLeaseSeconds * 1000))
            )
        }
        local = LocalSessionGate(limit: limit)
        self.metrics = metrics
    }

    /// Where a request's slot is held.
    enum Slot: Sendable {
        case shared(leaseID: String)
        case local
    }

    /// Runs `body` holding a slot; throws 503 `overloaded` when none freed up in time.
    func withSession<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        let slot = try await acquire()
        let result: Result
        do {
            result = try await holding(slot, body)
        } catch {
            await release(slot)
            throw error
        }
        await release(slot)
        return result
    }

    private func acquire() async throws -> Slot {
        let leaseID = UUID().uuidString
        let deadline = ContinuousClock.now + wait
        var pause = Duration.milliseconds(2)
        while true {
            if let taken = await attemptShared({ try await $0.acquire(leaseID: leaseID) }) {
                if taken { return .shared(leaseID: leaseID) }
            } else {
                if shared != nil {
                    metrics.redisFallback("sessions")
                    // The acquire may have run before the failure (a timeout): drop the lease
                    // rather than leave a phantom holding a slot for SESSION_LEASE_SECONDS.
                    await release(.shared(leaseID: leaseID))
                }
                if await local.tryAcquire() { return .local }
            }
            let left = deadline - ContinuousClock.now
            guard left > .zero else { break }
            // Jittered so waiting requests of several instances do not poll in step.
            let jittered = pause * Double.random(in: 0.5...1.5)
            try await Task.sleep(for: min(jittered, left))
            pause = min(pause * 2, .milliseconds(50))
        }
        metrics.sessionsRejected.increment()
        throw APIError(
            .serviceUnavailable, .overloaded,
            "\(limit) requests are in flight (MAX_ACTIVE_SESSIONS); none finished within \(wait); retry after 1 s",
            headers: [.retryAfter: "1"])
    }

    private func holding<Result: Sendable>(_ slot: Slot, _ body: () async throws -> Result) async throws -> Result {
        guard case .shared(let leaseID) = slot else { return try await body() }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // A request longer than its lease keeps the slot; if the process dies, the lease
                // lapses and the slot frees itself.
                while !Task.isCancelled {
                    try await Task.sleep(for: lease / 3)
                    // A lease Redis lost (a restart) is taken again, so the request stays counted.
                    if await attemptShared({ try await $0.renew(leaseID: leaseID) }) == false {
                        _ = await attemptShared { try await $0.acquire(leaseID: leaseID) }
                    }
                }
            }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    /// Gives the slot back, even when the request was cancelled (a task of its own: a cancelled
    /// task's Redis call would never run, leaking the lease until it lapses).
    private func release(_ slot: Slot) async {
        await Task { await giveBack(slot) }.value
    }

    private func giveBack(_ slot: Slot) async {
        switch slot {
        case .shared(let leaseID):
            _ = await attemptShared { try await $0.release(leaseID: leaseID) }
        case .local:
            await local.release()
        }
    }

    /// `body` on the Redis limiter; nil when there is none or Redis failed.
    private func attemptShared<Result: Sendable>(
        _ body: @Sendable (RedisConcurrencyLimiter) async throws -> Result
    ) async -> Result? {
        guard let shared else { return nil }
        return await shared.redis.attempt("sessions") { _ in try await body(shared.limiter) }
    }
}
