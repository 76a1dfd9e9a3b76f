/// A GCRA limit: `burst` requests at once from a full bucket, then `perSecond`; over any `N`
/// seconds at most `burst + perSecond × N` (plus one at the boundary).
///
/// Decisions are computed in whole microseconds on Redis's clock, so the emission interval
/// (1 s / `perSecond`) is kept as a whole number of microseconds, rounded up (the limit is never
/// looser than asked): a rate is refused when that rounding would change it by more than 1 %
/// (any rate up to 10,000/s is fine; above it only rates whose interval is nearly whole), and
/// when a full bucket would take longer than ~31 years to refill (the arithmetic stays exact
/// below 2^53 µs).
public struct RateLimitPolicy: Sendable, Equatable {
    /// Requests a full bucket allows at once (≥ 1).
    public let burst: Int
    /// The sustained rate, requests per second (> 0).
    public let perSecond: Double
    /// 1 s / `perSecond` in whole microseconds: the time one request's token takes to come back.
    public let emissionIntervalMicroseconds: Int

    /// The longest a full bucket may take to refill, in microseconds (10^15, ~31.7 years).
    public static let maximumToleranceMicroseconds = 1_000_000_000_000_000

    /// A policy of `burst` and `perSecond`; throws ``CacheError/Code/invalidArgument`` naming the
    /// value that cannot work.
    public init(burst: Int, perSecond: Double) throws {
        guard burst >= 1 else {
            throw CacheError(.invalidArgument, "rate-limit burst \(burst) must be at least 1")
        }
        guard perSecond.isFinite, perSecond > 0, perSecond <= 1_000_000 else {
            throw CacheError(.invalidArgument, "rate-limit rate \(perSecond)/s must be above 0 and at most 1000000/s")
        }
        let exact = 1_000_000 / perSecond
        guard exact <= Double(Self.maximumToleranceMicroseconds) else {
            throw CacheError(
                .invalidArgument, "rate-limit rate \(perSecond)/s is too slow: one token every \(exact) µs")
        }
        let interval = Int(exact.rounded(.up))
        guard (Double(interval) - exact) / exact <= 0.01 else {
            throw CacheError(
                .invalidArgument,
                "rate-limit rate \(perSecond)/s cannot be kept in whole microseconds: its interval of \(exact) µs "
                    + "would become \(interval) µs (\(1_000_000 / Double(interval))/s); use at most 10000/s "
                    + "or a rate that divides 1000000")
        }
        let (tolerance, overflow) = interval.multipliedReportingOverflow(by: burst)
        guard !overflow, tolerance <= Self.maximumToleranceMicroseconds else {
            throw CacheError(
                .invalidArgument,
                "rate-limit burst \(burst) at \(perSecond)/s takes longer than ~31 years to refill; lower the burst")
        }
        self.burst = burst
        self.perSecond = perSecond
        self.emissionIntervalMicroseconds = interval
    }
}
