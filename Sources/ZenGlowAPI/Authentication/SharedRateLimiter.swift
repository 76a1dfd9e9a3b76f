import ZenGlowCache

/// The rate limit of every instance together: one GCRA decision per request in Redis (one
/// EVALSHA round trip), so N instances give a key its limit once, not N times. When Redis cannot
/// answer, the decision falls back to this instance's own token bucket — the documented choice:
/// a request is never refused with a 5xx because the limiter's store is down; the limit is then
/// per instance until Redis answers again (`zenglow_redis_fallbacks_total{use="rate_limit"}`).
struct SharedRateLimiter: RateLimiter {
    let redis: APIRedis
    let shared: RedisRateLimiter
    let local: TokenBucketRateLimiter
    let metrics: APIMetrics

    init(redis: APIRedis, perSecond: Double, burst: Int, metrics: APIMetrics) throws {
        self.redis = redis
        shared = try RedisRateLimiter(
            client: redis.client, prefix: redis.configuration.keyPrefix,
            policy: RateLimitPolicy(burst: burst, perSecond: perSecond))
        local = TokenBucketRateLimiter(perSecond: perSecond, burst: burst)
        self.metrics = metrics
    }

    func acquire(key: String) async -> RateLimitDecision {
        if let outcome = await redis.attempt("rate_limit", { _ in try await shared.acquire(key: key) }) {
            return outcome.allowed ? .allowed : .limited(retryAfterSeconds: max(1, outcome.retryAfterSeconds))
        }
        metrics.redisFallback("rate_limit")
        return await local.acquire(key: key)
    }
}
