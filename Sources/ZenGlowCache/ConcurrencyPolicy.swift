/// How many leases a ``RedisConcurrencyLimiter`` hands out at once, and how long one lives
/// unless renewed.
public struct ConcurrencyPolicy: Sendable, Equatable {
    /// The most leases held at once across every instance (≥ 1).
    public let limit: Int
    /// How long a lease lasts without a renewal; a lease of an instance that died frees itself
    /// after this long (1 ms...1 day).
    public let leaseMilliseconds: Int

    /// A policy of `limit` and `leaseMilliseconds`; throws ``CacheError/Code/invalidArgument``
    /// naming the value that cannot work.
    public init(limit: Int, leaseMilliseconds: Int) throws {
        guard limit >= 1 else {
            throw CacheError(.invalidArgument, "concurrency limit \(limit) must be at least 1")
        }
        guard (1...86_400_000).contains(leaseMilliseconds) else {
            throw CacheError(.invalidArgument, "concurrency lease of \(leaseMilliseconds) ms is outside 1...86400000")
        }
        self.limit = limit
        self.leaseMilliseconds = leaseMilliseconds
    }
}
