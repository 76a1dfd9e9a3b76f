import Foundation
import Testing
import ZenGlowCache
import ZenGlowTestSupport

/// Redis going away, hanging, coming back, and refusing passwords — each test with a Redis of its own.
@Suite("Redis client when Redis fails", .serialized)
struct RedisClientOutageTests {
    @Test(
        "Redis stopped: unavailable, at once and without a connect during REDIS_RETRY_MS; started again: the same client recovers"
    )
    func stopAndStart() async throws {
        let redis = try TestRedis()
        defer { redis.shutdown() }
        var configuration = CacheTest.configuration(of: redis)
        configuration.retryMilliseconds = 3000
        try await CacheTest.withClient(configuration) { client async throws in
            #expect(try await client.command("SET", "before", "1") == .status("OK"))
            try redis.stop()
            let first = await #expect(throws: CacheError.self) { try await client.command("GET", "before") }
            let failedAt = ContinuousClock.now
            #expect(first?.code == .unavailable)
            #expect(first?.message.contains("Redis at 127.0.0.1:\(redis.port) is unreachable") == true, "\(first!)")
            #expect(first?.message.contains("retrying in ≤ 3000 ms") == true, "\(first!)")
            #expect(!client.isAvailable)

            try redis.start()
            let inspector = try RedisConnection(socketPath: redis.server.socketPath)
            let connectionsBefore = try Self.connectionsReceived(inspector)
            let called = ContinuousClock.now
            let during: Result<RedisReply, any Error>
            do { during = .success(try await client.command("GET", "before")) } catch { during = .failure(error) }
            let took = ContinuousClock.now - called
            // Only meaningful while the window lasts; a very slow restart leaves too little of it.
            if called - failedAt < .milliseconds(2500), ContinuousClock.now - failedAt < .milliseconds(2900) {
                #expect((try? during.get()) == nil, "a call inside the window reached Redis")
                if case .failure(let error) = during { #expect((error as? CacheError)?.code == .unavailable) }
                #expect(took < .milliseconds(50), "a refused call took \(took)")
                #expect(try Self.connectionsReceived(inspector) == connectionsBefore, "the refused call connected")
            }

            let recovered = await eventually(within: .seconds(15), every: .milliseconds(100)) {
                (try? await client.command("PING")) == .status("PONG")
            }
            #expect(recovered)
            #expect(client.isAvailable)
            #expect(ContinuousClock.now - failedAt >= .milliseconds(2900), "recovered inside the fail-fast window")
        }
    }

    @Test("a hanging Redis costs one command timeout, then calls fail at once — queued ones too")
    func hangingRedis() async throws {
        let listener = try SilentListener()
        var configuration = RedisConfiguration(port: listener.port)
        // A timeout long against a loaded machine's stalls, so that one timeout (the check on
        // the thread working) and ten in a row (it broken, 10 s) stay far apart: 300 ms took
        // 3.6 s under load with the check working.
        configuration.commandTimeoutMilliseconds = 1000
        configuration.retryMilliseconds = 30_000
        configuration.poolSize = 2
        try await CacheTest.withClient(configuration) { client async throws in
            let started = ContinuousClock.now
            // 20 calls at once on 2 threads: without the check on the thread, each pair would
            // wait out its own timeout (10 × 1 s).
            let codes = await withTaskGroup(of: CacheError.Code?.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        do {
                            _ = try await client.command("PING")
                            return nil
                        } catch { return (error as? CacheError)?.code }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let burst = ContinuousClock.now - started
            #expect(codes.allSatisfy { $0 == .unavailable }, "\(codes)")
            #expect(burst >= .milliseconds(900), "the first calls did not wait for the timeout: \(burst)")
            #expect(burst < .seconds(6), "20 calls took \(burst)")

            let called = ContinuousClock.now
            let error = await #expect(throws: CacheError.self) { try await client.command("PING") }
            let took = ContinuousClock.now - called
            #expect(error?.code == .unavailable)
            #expect(took < .milliseconds(50), "a refused call took \(took): it reached the network")
        }
    }

    @Test("AUTH: a wrong password is named as REDIS_PASSWORD, never shown; the right one works")
    func authentication() async throws {
        let secret = "correct-horse-" + UUID().uuidString
        let wrong = "wrong-battery-" + UUID().uuidString
        let redis = try TestRedis(password: secret)
        defer { redis.shutdown() }

        try await CacheTest.withClient(CacheTest.configuration(of: redis, password: wrong)) { client async throws in
            let error = await #expect(throws: CacheError.self) { try await client.probe() }
            #expect(error?.code == .authenticationFailed)
            #expect(error?.message.contains("refused REDIS_PASSWORD") == true, "\(error!)")
            #expect(error?.message.contains("WRONGPASS") == true, "\(error!)")
            let command = await #expect(throws: CacheError.self) { try await client.command("PING") }
            for text in [error?.message, command?.message, error?.redisError].compactMap({ $0 }) {
                #expect(!text.contains(secret))
                #expect(!text.contains(wrong))
            }
        }

        try await CacheTest.withClient(CacheTest.configuration(of: redis)) { client async throws in
            let error = await #expect(throws: CacheError.self) { try await client.probe() }
            #expect(error?.code == .authenticationFailed)
            #expect(error?.message.contains("requires a password; set REDIS_PASSWORD") == true, "\(error!)")
        }

        try await CacheTest.withClient(CacheTest.configuration(of: redis, password: secret)) { client async throws in
            try await client.probe()
            #expect(try await client.command("SET", "k", "v") == .status("OK"))
            #expect(try await client.command("GET", "k") == .string(Array("v".utf8)))
        }
    }

    @Test("a password for a Redis that has none is refused; an unreachable endpoint is named")
    func probeFailures() async throws {
        let redis = try await TestServers.shared.redis()
        var configuration = try await CacheTest.sharedConfiguration()
        configuration.password = "needless-" + UUID().uuidString
        try await CacheTest.withClient(configuration) { client async throws in
            let error = await #expect(throws: CacheError.self) { try await client.probe() }
            #expect(error?.code == .authenticationFailed)
            #expect(
                error?.message.contains(
                    "REDIS_PASSWORD is set but Redis at 127.0.0.1:\(redis.settings.port) has no password") == true,
                "\(error!)")
            #expect(error?.message.contains(configuration.password!) == false)
        }

        let listener = try SilentListener()
        let closedPort = listener.port
        _ = consume listener  // closed: nothing listens there any more
        try await CacheTest.withClient(RedisConfiguration(port: closedPort)) { client async throws in
            let error = await #expect(throws: CacheError.self) { try await client.probe() }
            #expect(error?.code == .connectionFailed)
            #expect(error?.message.contains("127.0.0.1:\(closedPort)") == true, "\(error!)")
            #expect(!client.isAvailable)
        }

        var badDatabase = try await CacheTest.sharedConfiguration()
        badDatabase.database = 1000
        try await CacheTest.withClient(badDatabase) { client async throws in
            let error = await #expect(throws: CacheError.self) { try await client.probe() }
            #expect(error?.message.contains("refused REDIS_DB=1000") == true, "\(error!)")
        }
    }

    private static func connectionsReceived(_ connection: RedisConnection) throws -> Int {
        guard case .string(let info) = try connection.command("INFO", "stats") else { return -1 }
        let line = String(decoding: info, as: UTF8.self).split(whereSeparator: \.isNewline)
            .first { $0.hasPrefix("total_connections_received:") }
        return line.flatMap { Int($0.split(separator: ":")[1]) } ?? -1
    }
}
