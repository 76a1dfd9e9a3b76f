import Foundation

/// Decides whether a key may make another request now: ``SharedRateLimiter`` (Redis, all
/// instances) or ``TokenBucketRateLimiter`` (this instance; also the shared one's fallback).
public protocol RateLimiter: Sendable {
    /// `.allowed`, or `.limited` with the seconds after which a request would be allowed.
    func acquire(key: String) async -> RateLimitDecision
}

public enum RateLimitDecision: Sendable, Equatable {
    case allowed
    case limited(retryAfterSeconds: Int)
}

/// A token bucket per key: `burst` tokens, refilled at `perSecond`. Buckets that have refilled
/// completely are forgotten (a full bucket and no bucket decide the same), so the table holds
/// only keys seen within the last `burst / perSecond` seconds.
public actor TokenBucketRateLimiter: RateLimiter {
    struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let perSecond: Double
    let burst: Double
    private var buckets: [String: Bucket] = [:]
    private let clock = ContinuousClock()
    /// Decisions since the last sweep of full buckets.
    private var sinceSweep = 0
    static let sweepEvery = 1024

    public init(perSecond: Double, burst: Int) {
        self.perSecond = perSecond
        self.burst = Double(burst)
    }

    /// How many keys the limiter currently remembers.
    var rememberedKeys: Int { buckets.count }

    public func acquire(key: String) -> RateLimitDecision {
        let now = clock.now
        sinceSweep += 1
        if sinceSweep >= Self.sweepEvery {
            sinceSweep = 0
            forgetFullBuckets(now: now)
        }
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

    private func forgetFullBuckets(now: ContinuousClock.Instant) {
        let refill = Duration.seconds(burst / perSecond)
        buckets = buckets.filter { _, bucket in bucket.tokens < burst && now - bucket.updated < refill }
    }
}
