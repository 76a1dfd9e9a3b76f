import Foundation
import Testing
import ZenGlowCache
import ZenGlowTestSupport

@Suite("Concurrency cap in Redis (leases)")
struct RedisConcurrencyLimiterTests {
    @Test("the limit holds across two clients; a release frees a slot; a held lease acquired again counts once")
    func limitAcrossClients() async throws {
        let configuration = try await CacheTest.sharedConfiguration()
        let inspector = try await CacheTest.inspector()
        let policy = try ConcurrencyPolicy(limit: 3, leaseMilliseconds: 60_000)
        try await CacheTest.withClient(configuration) { first async throws in
            try await CacheTest.withClient(configuration) { second async throws in
                let a = RedisConcurrencyLimiter(client: first, policy: policy)
                let b = RedisConcurrencyLimiter(client: second, policy: policy)
                #expect(a.key == "\(configuration.keyPrefix):sessions")
                #expect(try await a.acquire(leaseID: "a1"))
                #expect(try await a.acquire(leaseID: "a2"))
                #expect(try await a.acquire(leaseID: "a2"))
                #expect(try await b.acquire(leaseID: "b1"))
                #expect(try await !b.acquire(leaseID: "b2"))
                #expect(try await !a.acquire(leaseID: "a3"))
                #expect(try await a.active() == 3)
                #expect(try await b.active() == 3)
                #expect((1...60_000).contains(try CacheTest.pttl(a.key, inspector)))

                #expect(try await a.release(leaseID: "a1"))
                #expect(try await !a.release(leaseID: "a1"))
                #expect(try await b.acquire(leaseID: "b2"))
                #expect(try await !b.acquire(leaseID: "b3"))
                for lease in ["a2", "b1", "b2"] { try await b.release(leaseID: lease) }
                #expect(try await a.active() == 0)
                #expect(try CacheTest.pttl(a.key, inspector) == -2)
            }
        }
    }

    @Test("a lease that is never released expires by itself and frees its slot, while a longer one stays")
    func deadLeasesExpire() async throws {
        let inspector = try await CacheTest.inspector()
        let configuration = try await CacheTest.sharedConfiguration()
        try await CacheTest.withClient(configuration) { client async throws in
            // Two policies on one set: a short lease that nobody renews, and one that outlives the
            // test, so no stall of a loaded machine can make the second lapse.
            let short = RedisConcurrencyLimiter(
                client: client, name: "ingests", policy: try ConcurrencyPolicy(limit: 2, leaseMilliseconds: 4000))
            let long = RedisConcurrencyLimiter(
                client: client, name: "ingests", policy: try ConcurrencyPolicy(limit: 2, leaseMilliseconds: 120_000))
            let taken = ContinuousClock.now
            #expect(try await short.acquire(leaseID: "dead"))
            #expect(try await long.acquire(leaseID: "live"))
            #expect(try await !long.acquire(leaseID: "newcomer"))
            #expect(try CacheTest.pttl(long.key, inspector) > 0)
            let freed = await eventually(within: .seconds(60), every: .milliseconds(100)) {
                (try? await long.acquire(leaseID: "newcomer")) == true
            }
            #expect(freed)
            #expect(ContinuousClock.now - taken >= .milliseconds(3900))
            #expect(try await long.active() == 2)
            #expect(try await long.release(leaseID: "live"), "the live lease was dropped")
            #expect(try await !short.renew(leaseID: "dead"), "an expired lease was renewed")
            #expect(try await long.active() == 1)
        }
    }

    @Test("renewing pushes a lease's expiry and the set's TTL forward")
    func renewal() async throws {
        let inspector = try await CacheTest.inspector()
        try await CacheTest.withClient(try await CacheTest.sharedConfiguration()) { client async throws in
            let limiter = RedisConcurrencyLimiter(
                client: client, policy: try ConcurrencyPolicy(limit: 1, leaseMilliseconds: 60_000))
            #expect(try await limiter.acquire(leaseID: "worker"))
            func expiry() throws -> Double {
                guard case .string(let bytes) = try inspector.command("ZSCORE", limiter.key, "worker") else { return 0 }
                return Double(String(decoding: bytes, as: UTF8.self)) ?? 0
            }
            let before = try expiry()
            try await Task.sleep(for: .milliseconds(50))
            #expect(try await limiter.renew(leaseID: "worker"))
            #expect(try expiry() > before, "the lease's expiry moved forward")
            #expect(try CacheTest.pttl(limiter.key, inspector) > 50_000, "the set lives as long as its lease")
            #expect(try await limiter.active() == 1)
            #expect(try await !limiter.acquire(leaseID: "other"))
            #expect(try await !limiter.renew(leaseID: "never-taken"))
        }
    }

    @Test("policies and lease ids that cannot work are refused")
    func invalid() async throws {
        for (limit, lease) in [(0, 1000), (-1, 1000), (1, 0), (1, 86_400_001)] {
            let error = #expect(throws: CacheError.self) {
                try ConcurrencyPolicy(limit: limit, leaseMilliseconds: lease)
            }
            #expect(error?.code == .invalidArgument)
        }
        try await CacheTest.withClient(try await CacheTest.sharedConfiguration()) { client async throws in
            let limiter = RedisConcurrencyLimiter(
                client: client, policy: try ConcurrencyPolicy(limit: 1, leaseMilliseconds: 1000))
            let error = await #expect(throws: CacheError.self) { try await limiter.acquire(leaseID: "") }
            #expect(error?.code == .invalidArgument)
        }
    }
}
