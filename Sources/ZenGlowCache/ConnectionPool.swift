import Synchronization

/// The idle connections of a ``RedisClient`` and what it last learnt about Redis's health: the
/// free list (at most `capacity`), the outage window during which calls fail without touching
/// the network, and the one trial call that may end it.
final class ConnectionPool: Sendable {
    /// How a call was let in.
    enum Admission: Sendable, Equatable {
        /// Redis was believed up.
        case normal
        /// The call that tests whether an outage is over; `generation` tells trials apart.
        case trial(generation: Int)
    }

    private struct Outage {
        var reason: String
        var retryAt: ContinuousClock.Instant
        /// The generation of the trial in flight, if one is.
        var trial: Int?
    }

    private struct State: Sendable {
        var idle: [RedisConnection] = []
        var outage: Outage?
        var generation = 0
        var isShutDown = false
    }

    private let state = Mutex(State())
    let capacity: Int
    let retry: Duration
    let endpoint: String

    init(capacity: Int, retry: Duration, endpoint: String) {
        self.capacity = capacity
        self.retry = retry
        self.endpoint = endpoint
    }

    /// Lets a call in, or refuses it at once: the client was shut down, or Redis failed less than
    /// `retry` ago (or another call is testing it right now).
    func admit() throws -> Admission {
        try state.withLock { state in
            if state.isShutDown { throw shutDownError() }
            guard var outage = state.outage else { return .normal }
            let now = ContinuousClock.now
            guard outage.trial == nil, now >= outage.retryAt else {
                throw unavailable(outage.reason, retryIn: outage.trial == nil ? outage.retryAt - now : nil)
            }
            state.generation += 1
            outage.trial = state.generation
            state.outage = outage
            return .trial(generation: state.generation)
        }
    }

    /// Called on the pool thread before any network work: a call let in before an outage began
    /// fails now instead of waiting for its own connect to time out.
    func confirm(_ admission: Admission) throws {
        guard admission == .normal else { return }
        try state.withLock { state in
            if let outage = state.outage {
                throw unavailable(outage.reason, retryIn: max(outage.retryAt - ContinuousClock.now, .zero))
            }
        }
    }

    /// An idle connection, if there is one.
    func take() -> RedisConnection? {
        state.withLock { $0.idle.popLast() }
    }

    /// Puts a healthy connection back; one beyond capacity, or after shutdown, is closed.
    func give(_ connection: RedisConnection) {
        let surplus: RedisConnection? = state.withLock { state in
            guard !state.isShutDown, state.idle.count < capacity else { return connection }
            state.idle.append(connection)
            return nil
        }
        _ = surplus  // closed here, outside the lock, by its deinit
    }

    /// Records that Redis failed: starts (or renews) the outage window and closes the idle
    /// connections, which are most likely dead too. Returns the error for the caller and whether
    /// this failure began the outage.
    func failed(_ reason: String) -> (error: CacheError, began: Bool) {
        let (began, closing): (Bool, [RedisConnection]) = state.withLock { state in
            let began = state.outage == nil
            state.outage = Outage(reason: reason, retryAt: ContinuousClock.now + retry, trial: nil)
            defer { state.idle.removeAll() }
            return (began, state.idle)
        }
        _ = closing
        return (unavailable(reason, retryIn: retry), began)
    }

    /// Records a call that reached Redis; true when it was the trial that ended an outage.
    func succeeded(_ admission: Admission) -> Bool {
        guard case .trial(let generation) = admission else { return false }
        return state.withLock { state in
            guard state.outage?.trial == generation else { return false }
            state.outage = nil
            return true
        }
    }

    /// Redis answered outside any admission (the start-up probe): the outage, if any, is over.
    func reachable() -> Bool {
        state.withLock { state in
            defer { state.outage = nil }
            return state.outage != nil
        }
    }

    /// A trial that never reached Redis (cancelled while queued): the next call may try at once.
    func abandon(_ admission: Admission) {
        guard case .trial(let generation) = admission else { return }
        state.withLock { state in
            guard state.outage?.trial == generation else { return }
            state.outage?.trial = nil
            state.outage?.retryAt = ContinuousClock.now
        }
    }

    /// False from a failure until a call reaches Redis again.
    var isAvailable: Bool { state.withLock { $0.outage == nil } }

    var isShutDown: Bool { state.withLock { $0.isShutDown } }

    /// Refuses every later call and hands back the idle connections to close.
    func shutDown() -> [RedisConnection] {
        state.withLock { state in
            state.isShutDown = true
            defer { state.idle.removeAll() }
            return state.idle
        }
    }

    func shutDownError() -> CacheError {
        CacheError(.shutDown, "the Redis client for \(endpoint) has been shut down")
    }

    private func unavailable(_ reason: String, retryIn: Duration?) -> CacheError {
        let when = retryIn.map { "retrying in ≤ \(Self.milliseconds($0)) ms" } ?? "another call is retrying now"
        return CacheError(.unavailable, "Redis at \(endpoint) is unreachable (\(reason)); \(when)")
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    }
}
