import Testing

@testable import ZenGlowAPI

@Suite("the per-instance token bucket")
struct TokenBucketRateLimiterTests {
    @Test("buckets that refilled are forgotten, so keys seen once do not pile up")
    func forgetsFullBuckets() async throws {
        // Refills in 50 ms: a bucket untouched for longer is full and can go.
        let limiter = TokenBucketRateLimiter(perSecond: 20, burst: 1)
        let keys = 3000
        for key in 0..<keys { _ = await limiter.acquire(key: "once-\(key)") }
        // However slow the machine, the keys seen after the last sweep are all still there.
        let sinceLastSweep = keys % TokenBucketRateLimiter.sweepEvery
        #expect(await limiter.rememberedKeys >= sinceLastSweep)
        try await Task.sleep(for: .milliseconds(100))
        for _ in 0..<TokenBucketRateLimiter.sweepEvery { _ = await limiter.acquire(key: "busy") }
        #expect(await limiter.rememberedKeys < 10)
    }

    @Test("a forgotten bucket decides as a full one would: the limit still holds")
    func limitHoldsAcrossSweeps() async {
        let limiter = TokenBucketRateLimiter(perSecond: 0.001, burst: 2)
        #expect(await limiter.acquire(key: "k") == .allowed)
        #expect(await limiter.acquire(key: "k") == .allowed)
        for other in 0..<TokenBucketRateLimiter.sweepEvery { _ = await limiter.acquire(key: "other-\(other)") }
        guard case .limited(let retryAfter) = await limiter.acquire(key: "k") else {
            Issue.record("an emptied bucket must not be forgotten")
            return
        }
        #expect(retryAfter >= 1)
    }
}
