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

    @Test("a lease that is never released expires by itself and frees its slot, while a renewed one stays")
    func deadLeasesExpire() async throws {
        let inspector = try await CacheTest.inspector()
        try await CacheTest.withClient(try await CacheTest.sharedConfiguration()) { client async throws in
            let limiter = RedisConcurrencyLimiter(
                client: client, name: "ingests", policy: try ConcurrencyPolicy(limit: 2, leaseMilliseconds: 2000))
            let taken = ContinuousClock.now
            #expect(try await limiter.acquire(leaseID: "dead"))
            #expect(try await limiter.acquire(leaseID: "live"))
            #expect(try await !limiter.acquire(leaseID: "newcomer"))
            #expect((1...2000).contains(try CacheTest.pttl(limiter.key, inspector)))
            // "live" keeps renewing (so the set itself never expires); "dead" never does. The
            // lease is long enough that a loaded machine's stalls do not let "live" lapse.
            let freed = await eventually(within: .seconds(15), every: .milliseconds(200)) {
                _ = try? await limiter.renew(leaseID: "live")
                return (try? await limiter.acquire(leaseID: "newcomer")) == true
            }
            #expect(freed)
            #expect(ContinuousClock.now - taken >= .milliseconds(1900))
            #expect(try await limiter.active() == 2)
            #expect(try await limiter.release(leaseID: "live"), "the renewed lease was lost")
            #expect(try await !limiter.renew(leaseID: "dead"), "an expired lease was renewed")
            #expect(try await limiter.active() == 1)
        }
    }

    @Test("renewing keeps a lease past its first expiry, and the set's TTL follows it")
    func renewal() async throws {
        let inspector = try await CacheTest.inspector()
        try await CacheTest.withClient(try await CacheTest.sharedConfiguration()) { client async throws in
            let limiter = RedisConcurrencyLimiter(
                client: client, policy: try ConcurrencyPolicy(limit: 1, leaseMilliseconds: 3000))
            #expect(try await limiter.acquire(leaseID: "worker"))
            // Renewed every 500 ms for twice the lease: a stall of up to 2.5 s on a loaded machine
            // still renews in time.
            let started = ContinuousClock.now
            while ContinuousClock.now - started < .milliseconds(6000) {
                try await Task.sleep(for: .milliseconds(500))
                #expect(try await limiter.renew(leaseID: "worker"))
                #expect((1000...3000).contains(try CacheTest.pttl(limiter.key, inspector)))
            }
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
