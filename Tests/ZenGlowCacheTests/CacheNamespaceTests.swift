import Foundation
import Testing
import ZenGlowCache
import ZenGlowIngest
import ZenGlowTestSupport

@Suite("Cache namespaces")
struct CacheNamespaceTests {
    private struct Answer: Codable, Equatable {
        let query: String
        let scores: [Double]
        let cached: Bool?
    }

    @Test("a fixed request has a fixed compact key (stable across versions)")
    func fixedKey() {
        #expect(
            CacheKey.compact(prefix: "zg", namespace: "rag:q", key: "tenant=7|query=what is zenglow")
                == "zg:rag:q:67c7b2b4e244ba3e7e7686c703fe5aa2fea074ce")
        // The namespace is inside the hash: moving a separator changes the key.
        #expect(
            CacheKey.compact(prefix: "zg", namespace: "a:b", key: "c").split(separator: ":").last
                != CacheKey.compact(prefix: "zg", namespace: "a", key: "b:c").split(separator: ":").last)
    }

    @Test("JSON, MessagePack and bytes round trip; every write has a TTL, the default when none is given")
    func roundTripsWithTTL() async throws {
        let configuration = try await CacheTest.sharedConfiguration()
        let inspector = try await CacheTest.inspector()
        try await CacheTest.withClient(configuration) { client async throws in
            let namespace = CacheNamespace(client: client, name: "answers", defaultTTL: 120)
            let answer = Answer(query: "héllo\u{0}wörld", scores: [0.5, -1e-9, 3], cached: nil)
            try await namespace.setJSON(answer, forKey: "tenant 1 · query")
            #expect(try await namespace.json(Answer.self, forKey: "tenant 1 · query") == answer)

            let packed = MessagePackValue.map([
                (.string("ids"), .array([.int(-3), .uint(UInt64.max), .null, .bool(true)])),
                (.string("vector"), .binary([0, 1, 255])), (.string("score"), .double(0.25)),
            ])
            try await namespace.setMessagePack(packed, forKey: "features", ttl: 30)
            #expect(try await namespace.messagePack(forKey: "features") == packed)

            try await namespace.setBytes([0, 13, 10, 255], forKey: "raw", ttl: 5)
            #expect(try await namespace.bytes(forKey: "raw") == [0, 13, 10, 255])
            #expect(try await namespace.bytes(forKey: "never-written") == nil)
            #expect(try await namespace.json(Answer.self, forKey: "never-written") == nil)

            let key = namespace.compactKey(forKey: "tenant 1 · query")
            #expect(key.hasPrefix("\(configuration.keyPrefix):answers:"))
            #expect(!key.contains("tenant"))
            #expect((110_000...120_000).contains(try CacheTest.pttl(key, inspector)))
            #expect((1...30_000).contains(try CacheTest.pttl(namespace.compactKey(forKey: "features"), inspector)))
            #expect((1...5_000).contains(try CacheTest.pttl(namespace.compactKey(forKey: "raw"), inspector)))

            let other = CacheNamespace(client: client, name: "other", defaultTTL: 60)
            #expect(try await other.bytes(forKey: "raw") == nil)
            #expect(try await namespace.remove(forKey: "raw"))
            #expect(try await !namespace.remove(forKey: "raw"))
            #expect(try await namespace.bytes(forKey: "raw") == nil)
        }
    }

    @Test("the default TTL is DEFAULT_TTL_SECONDS; a TTL outside 1 s...30 days writes nothing")
    func ttlRules() async throws {
        var configuration = try await CacheTest.sharedConfiguration()
        configuration.defaultTTLSeconds = 77
        let inspector = try await CacheTest.inspector()
        try await CacheTest.withClient(configuration) { client async throws in
            let namespace = CacheNamespace(client: client, name: "ttl")
            #expect(namespace.defaultTTL == 77)
            try await namespace.setBytes([1], forKey: "default")
            #expect((70_000...77_000).contains(try CacheTest.pttl(namespace.compactKey(forKey: "default"), inspector)))
            for ttl in [0, -1, RedisConfiguration.maximumTTLSeconds + 1] {
                let error = await #expect(throws: CacheError.self) {
                    try await namespace.setBytes([1], forKey: "bad", ttl: ttl)
                }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.contains("TTL \(ttl) s") == true)
            }
            #expect(try await namespace.bytes(forKey: "bad") == nil)
        }
    }

    @Test("a value with a 1 s TTL is gone soon after")
    func expiry() async throws {
        try await CacheTest.withClient(try await CacheTest.sharedConfiguration()) { client async throws in
            let namespace = CacheNamespace(client: client, name: "short")
            // Taken before the write: Redis cannot expire the key sooner than 1 s after it ran
            // the SET, which is after this instant.
            let beforeWrite = ContinuousClock.now
            try await namespace.setJSON(["a": 1], forKey: "k", ttl: 1)
            let readBack = try await namespace.json([String: Int].self, forKey: "k")
            // On a machine loaded enough that the write and the read took a second, the value may
            // rightly be gone already; read well inside its second, it must be there.
            if ContinuousClock.now - beforeWrite < .milliseconds(800) {
                #expect(readBack == ["a": 1])
            }
            let gone = await eventually(within: .seconds(10), every: .milliseconds(100)) {
                (try? await namespace.bytes(forKey: "k")) == .some(nil)
            }
            #expect(gone)
            #expect(ContinuousClock.now - beforeWrite >= .milliseconds(900))
        }
    }

    @Test("a stored value that does not decode throws unexpectedReply")
    func undecodable() async throws {
        try await CacheTest.withClient(try await CacheTest.sharedConfiguration()) { client async throws in
            let namespace = CacheNamespace(client: client, name: "broken")
            try await namespace.setBytes(Array("not json".utf8), forKey: "k")
            let json = await #expect(throws: CacheError.self) { try await namespace.json(Answer.self, forKey: "k") }
            #expect(json?.code == .unexpectedReply)
            try await namespace.setBytes([0xc1], forKey: "k")
            let packed = await #expect(throws: CacheError.self) { try await namespace.messagePack(forKey: "k") }
            #expect(packed?.code == .unexpectedReply)
        }
    }
}
