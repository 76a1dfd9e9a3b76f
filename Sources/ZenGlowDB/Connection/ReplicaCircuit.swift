import Synchronization

/// Whether a read replica is worth trying now: closed (try it) until a failure opens it for a
/// backoff that doubles with each failure in a row (from `initialBackoff` up to `maximumBackoff`);
/// once the backoff passed, the next caller tries again, and a success closes it. While open,
/// reads go to the primary without waiting for a connection that would fail.
public final class ReplicaCircuit: Sendable {
    /// What the circuit knows.
    public struct State: Sendable, Equatable {
        /// Failures in a row; 0 while the replica answers.
        public var failures = 0
        /// Until when the replica is not tried; nil when closed.
        public var openUntil: ContinuousClock.Instant?
    }

    public let initialBackoff: Duration
    public let maximumBackoff: Duration
    private let state = Mutex(State())

    public init(initialBackoff: Duration, maximumBackoff: Duration) {
        self.initialBackoff = initialBackoff
        self.maximumBackoff = max(initialBackoff, maximumBackoff)
    }

    /// The state now.
    public var current: State { state.withLock { $0 } }

    /// True when the replica may be tried now (closed, or its backoff has passed).
    public func allows(at now: ContinuousClock.Instant = .now) -> Bool {
        state.withLock { state in state.openUntil.map { now >= $0 } ?? true }
    }

    /// The replica answered: close the circuit.
    public func succeeded() {
        state.withLock { $0 = State() }
    }

    /// The replica could not be reached: open the circuit for the next backoff; returns it.
    @discardableResult
    public func failed(at now: ContinuousClock.Instant = .now) -> Duration {
        state.withLock { state in
            state.failures += 1
            var backoff = initialBackoff
            for _ in 1..<min(state.failures, 32) where backoff < maximumBackoff { backoff = backoff * 2 }
            backoff = min(backoff, maximumBackoff)
            state.openUntil = now + backoff
            return backoff
        }
    }
}
