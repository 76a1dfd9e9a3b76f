import Testing
import ZenGlowCache
import ZenGlowTestSupport

@Suite("Redis through hiredis")
struct RedisConnectionTests {
    @Test("SET then GET returns the same bytes, binary-safe, over the unix socket and over TCP")
    func setGetRoundTrip() async throws {
        let redis = try await TestServers.shared.redis()
        let value: [UInt8] = Array("héllo".utf8) + [0, 255, 13, 10]
        let writer = try RedisConnection(socketPath: redis.socketPath)
        try writer.set("zg:test:round-trip", value)
        let reader = try RedisConnection(host: "127.0.0.1", port: redis.settings.port)
        #expect(try reader.get("zg:test:round-trip") == value)
    }

    @Test("GET of a missing key is nil, and an expiry is set when asked")
    func missingAndExpiry() async throws {
        let connection = try RedisConnection(socketPath: try await TestServers.shared.redis().socketPath)
        #expect(try connection.get("zg:test:never-set") == nil)
        try connection.set("zg:test:expiring", Array("x".utf8), expiresInSeconds: 100)
        guard case .integer(let ttl) = try connection.command("TTL", "zg:test:expiring") else {
            Issue.record("TTL did not answer with an integer")
            return
        }
        #expect((1...100).contains(ttl))
    }

    @Test("a Redis error reply is thrown as commandFailed with Redis's message")
    func errorReply() async throws {
        let connection = try RedisConnection(socketPath: try await TestServers.shared.redis().socketPath)
        let error = #expect(throws: CacheError.self) { try connection.command("NOSUCHCOMMAND") }
        #expect(error?.code == .commandFailed)
        #expect(error?.message.contains("unknown command") == true)
    }

    @Test("connecting where no Redis listens fails with connectionFailed naming the endpoint")
    func connectionRefused() throws {
        let error = #expect(throws: CacheError.self) { try RedisConnection(socketPath: "/tmp/zenglow-no-such.sock") }
        #expect(error?.code == .connectionFailed)
        #expect(error?.message.contains("/tmp/zenglow-no-such.sock") == true)
    }
}
