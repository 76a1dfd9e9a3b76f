import Foundation
import Testing
import ZenGlowCache
import ZenGlowTestSupport

@Suite("Rate limit in Redis (GCRA)")
struct RedisRateLimiterTests {
    @Test("a fresh key allows the burst at once, then is limited with Retry-After ≥ 1 s")
    func burstThenLimited() async throws {
        let inspector = try await CacheTest.inspector()
        try await CacheTest.withClient(try await CacheTest.sharedConfiguration()) { client async throws in
            // One token per 20 s: however long a loaded machine stalls between calls, no refill.
            let limiter = RedisRateLimiter(client: client, policy: try RateLimitPolicy(burst: 5, perSecond: 0.05))
            for expected in stride(from: 4, through: 0, by: -1) {
                let outcome = try await limiter.acquire(key: "key-a")
                #expect(outcome.allowed)
                #expect(outcome.remaining == expected)
                #expect(outcome.retryAfterSeconds == 0)
                #expect(outcome.limit == 5)
            }
            let limited = try await limiter.acquire(key: "key-a")
            #expect(!limited.allowed)
            #expect(limited.remaining == 0)
            #expect((1...20).contains(limited.retryAfterSeconds))
            #expect((80...100).contains(limited.resetAfterSeconds))
            #expect((1...100_000).contains(try CacheTest.pttl(limiter.redisKey(for: "key-a"), inspector)))
            // Another key has its own bucket.
            let other = try await limiter.acquire(key: "key-b")
            #expect(other.allowed)
            #expect(other.remaining == 4)
        }
    }

    @Test("20 callers on two clients, one key: allowed within burst + rate × elapsed (+1); a second key unaffected")
    func sharedBound() async throws {
        let configuration = try await CacheTest.sharedConfiguration()
        let policy = try RateLimitPolicy(burst: 20, perSecond: 25)
        try await CacheTest.withClient(configuration) { first async throws in
            try await CacheTest.withClient(configuration) { second async throws in
                let limiters = [first, second].map { RedisRateLimiter(client: $0, policy: policy) }
                let started = ContinuousClock.now
                let until = started + .seconds(3)
                let (count, decisions) = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                    for caller in 0..<20 {
                        let limiter = limiters[caller % 2]
                        group.addTask {
                            var allowed = 0
                            var decisions = 0
                            while ContinuousClock.now < until {
                                if try await limiter.acquire(key: "shared").allowed { allowed += 1 }
                                decisions += 1
                                // 20 callers every 25 ms are 800 tries a second against 25
                                // allowed, without taking both cores from the tests beside it.
                                try await Task.sleep(for: .milliseconds(25))
                            }
                            return (allowed, decisions)
                        }
                    }
                    return try await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
                }
                let elapsed = (ContinuousClock.now - started) / .seconds(1)
                let ceiling = Double(policy.burst) + policy.perSecond * elapsed + 1
                // Loose: on a loaded two-core machine the callers can stall for a while; the ceiling
                // is the property, the floor only shows the callers kept the key busy.
                let floor = Double(policy.burst)
                #expect(Double(count) <= ceiling, "\(count) allowed in \(elapsed) s (ceiling \(ceiling))")
                #expect(Double(count) >= floor, "\(count) allowed in \(elapsed) s (floor \(floor))")
                #expect(decisions > count, "the callers did not keep the key busy")
                let fresh = try await limiters[1].acquire(key: "unaffected")
                #expect(fresh.allowed)
                #expect(fresh.remaining == policy.burst - 1)
            }
        }
    }

    @Test("cost 0 checks without consuming or writing; a negative cost or one above the burst throws")
    func costs() async throws {
        let inspector = try await CacheTest.inspector()
        try await CacheTest.withClient(try await CacheTest.sharedConfiguration()) { client async throws in
            // One token per 100 s: a loaded machine's seconds between the calls refill nothing.
            let limiter = RedisRateLimiter(client: client, policy: try RateLimitPolicy(burst: 3, perSecond: 0.01))
            let key = limiter.redisKey(for: "c")
            let peek = try await limiter.acquire(key: "c", cost: 0)
            #expect(peek.allowed)
            #expect(peek.remaining == 3)
            #expect(try CacheTest.pttl(key, inspector) == -2, "cost 0 wrote a key")

            #expect(try await limiter.acquire(key: "c", cost: 3).allowed)
            let empty = try await limiter.acquire(key: "c", cost: 0)
            #expect(empty.allowed)
            #expect(empty.remaining == 0)
            #expect(try await !limiter.acquire(key: "c", cost: 1).allowed)

            let negative = await #expect(throws: CacheError.self) { try await limiter.acquire(key: "c", cost: -1) }
            #expect(negative?.code == .invalidArgument)
            #expect(negative?.message.contains("cost -1") == true)
            let tooBig = await #expect(throws: CacheError.self) { try await limiter.acquire(key: "c", cost: 4) }
            #expect(tooBig?.code == .invalidArgument)
            #expect(tooBig?.message.contains("cost 4 exceeds the burst 3") == true)
            await #expect(throws: CacheError.self) { try await limiter.acquire(key: "c", cost: Int.max) }
        }
    }

    @Test("after every decision — allowed, limited, cost 0 — the key has a TTL no longer than a refill")
    func ttlAfterEveryDecision() async throws {
        let inspector = try await CacheTest.inspector()
        try await CacheTest.withClient(try await CacheTest.sharedConfiguration()) { client async throws in
            let policy = try RateLimitPolicy(burst: 4, perSecond: 2)
            let limiter = RedisRateLimiter(client: client, policy: policy)
            let key = limiter.redisKey(for: "ttl")
            var limitedSeen = false
            for step in 0..<40 {
                let cost = [1, 0, 2, 1, 4, 0, 3][step % 7]
                let outcome = try await limiter.acquire(key: "ttl", cost: cost)
                limitedSeen = limitedSeen || !outcome.allowed
                let pttl = try CacheTest.pttl(key, inspector)
                #expect(pttl != -1, "step \(step): the key has no TTL")
                #expect(pttl <= 2_000 + 1, "step \(step): TTL \(pttl) ms exceeds a full refill")
            }
            #expect(limitedSeen)
            // A key found without a TTL (written by anything else) gets one from the next decision.
            _ = try inspector.command("SET", key, "0")
            _ = try await limiter.acquire(key: "ttl", cost: 0)
            #expect(try CacheTest.pttl(key, inspector) != -1)
        }
    }

    @Test("a stored TAT far in the future, or garbage, is clamped: no lock-out beyond one refill")
    func clamped() async throws {
        let inspector = try await CacheTest.inspector()
        try await CacheTest.withClient(try await CacheTest.sharedConfiguration()) { client async throws in
            let limiter = RedisRateLimiter(client: client, policy: try RateLimitPolicy(burst: 10, perSecond: 5))
            let key = limiter.redisKey(for: "future")
            _ = try inspector.command("SET", key, "9000000000000000")
            let outcome = try await limiter.acquire(key: "future")
            #expect(!outcome.allowed)
            #expect(outcome.retryAfterSeconds <= 1)
            #expect(outcome.resetAfterSeconds <= 2)
            // At most one refill (2 s) left, or already gone after a stall of the machine.
            #expect(Self.withinOneRefill(try CacheTest.pttl(key, inspector)))

            _ = try inspector.command("SET", key, "banana")
            let fresh = try await limiter.acquire(key: "future")
            #expect(fresh.allowed)
            #expect(fresh.remaining == 9)
            // At most one refill (2 s) left, or already gone after a stall of the machine.
            #expect(Self.withinOneRefill(try CacheTest.pttl(key, inspector)))
        }
    }

    /// A PTTL of at most the clamped test's 2 s refill, or -2: expired already (after a stall).
    static func withinOneRefill(_ pttl: Int64) -> Bool { pttl == -2 || (1...2_000).contains(pttl) }

    @Test("keys that are not key-safe are hashed; safe ones are kept")
    func redisKeys() async throws {
        try await CacheTest.withClient(try await CacheTest.sharedConfiguration()) { client async throws in
            let limiter = RedisRateLimiter(
                client: client, prefix: "zg", policy: try RateLimitPolicy(burst: 1, perSecond: 1))
            #expect(limiter.redisKey(for: "key:42_a.b-c") == "zg:rl:key:42_a.b-c")
            let hashed = limiter.redisKey(for: "tenant 7 / ключ")
            #expect(hashed.hasPrefix("zg:rl:#"))
            #expect(hashed.count == "zg:rl:#".count + 40)
            #expect(limiter.redisKey(for: String(repeating: "a", count: 65)).hasPrefix("zg:rl:#"))
        }
    }

    @Test(
        "policies that cannot work are refused",
        arguments: [
            (0, 1.0), (-1, 1.0), (1, 0.0), (1, -2.0), (1, Double.nan), (1, Double.infinity), (1, 2_000_000.0),
            (1, 300_000.0), (1, 1e-12), (Int.max, 1.0), (1_000_000_000, 0.5),
        ])
    func invalidPolicies(burst: Int, perSecond: Double) {
        let error = #expect(throws: CacheError.self) { try RateLimitPolicy(burst: burst, perSecond: perSecond) }
        #expect(error?.code == .invalidArgument)
    }

    @Test("emission intervals are whole microseconds, rounded up")
    func intervals() throws {
        #expect(try RateLimitPolicy(burst: 1, perSecond: 1_000_000).emissionIntervalMicroseconds == 1)
        #expect(try RateLimitPolicy(burst: 100, perSecond: 50).emissionIntervalMicroseconds == 20_000)
        #expect(try RateLimitPolicy(burst: 10, perSecond: 3).emissionIntervalMicroseconds == 333_334)
        #expect(try RateLimitPolicy(burst: 1, perSecond: 0.001).emissionIntervalMicroseconds == 1_000_000_000)
        #expect(try RateLimitPolicy(burst: 100, perSecond: 10_000).emissionIntervalMicroseconds == 100)
    }
}
