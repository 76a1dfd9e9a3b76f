import Foundation

/// Decides whether a key may make another request now. The in-process token bucket is the
/// first implementation; a Redis-backed one (shared by all instances) implements the same.
public protocol RateLimiter: Sendable {
    /// `.allowed`, or `.limited` with the seconds after which a request would be allowed.
    func acquire(key: String) async -> RateLimitDecision
}

public enum RateLimitDecision: Sendable, Equatable {
    case allowed
    case limited(retryAfterSeconds: Int)
}

/// A token bucket per key: `burst` tokens, refilled at `perSecond`.
public actor TokenBucketRateLimiter: RateLimiter {
    struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let perSecond: Double
    let burst: Double
    private var buckets: [String: Bucket] = [:]
    private let clock = ContinuousClock()

    public init(perSecond: Double, burst: Int) {
        self.perSecond = perSecond
        self.burst = Double(burst)
    }

    public func acquire(key: String) -> RateLimitDecision {
        let now = clock.now
        var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
        let elapsed = now - bucket.updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        bucket.tokens = min(burst, bucket.tokens + seconds * perSecond)
        bucket.updated = now
        defer { buckets[key] = bucket }
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            return .allowed
        }
        return .limited(retryAfterSeconds: max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up))))
    }
}
