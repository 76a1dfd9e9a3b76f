import Foundation
import Testing
import ZenGlowCache
import ZenGlowTestSupport

@Suite("Redis client")
struct RedisClientTests {
    @Test("command round trips, binary-safe, and a Redis error reply throws commandFailed naming the command")
    func roundTrip() async throws {
        let configuration = try await CacheTest.sharedConfiguration()
        try await CacheTest.withClient(configuration) { client async throws in
            let key = configuration.keyPrefix + ":round-trip"
            let value: [UInt8] = Array("héllo".utf8) + [0, 255, 13, 10]
            #expect(try await client.command([Array("SET".utf8), Array(key.utf8), value]) == .status("OK"))
            #expect(try await client.command([Array("GET".utf8), Array(key.utf8)]) == .string(value))
            #expect(try await client.command("DEL", key) == .integer(1))
            let error = await #expect(throws: CacheError.self) { try await client.command("NOSUCHCOMMAND", "x") }
            #expect(error?.code == .commandFailed)
            #expect(error?.message.contains("NOSUCHCOMMAND") == true)
            #expect(error?.redisError?.contains("unknown command") == true)
            // The connection that carried the error reply is still good.
            #expect(try await client.command("PING") == .status("PONG"))
            #expect(client.isAvailable)
        }
    }

    @Test("200 concurrent callers share at most REDIS_POOL_SIZE connections")
    func boundedPool() async throws {
        var configuration = try await CacheTest.sharedConfiguration()
        configuration.poolSize = 3
        // 400 calls queue for 3 threads: on a loaded machine the last waits for seconds, and
        // patience is not what this test is about (the queue tests are).
        configuration.commandTimeoutMilliseconds = 60000
        configuration.clientName = "zg-pool-" + configuration.keyPrefix
        try await CacheTest.withClient(configuration) { client async throws in
            let key = configuration.keyPrefix + ":counter"
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<200 {
                    group.addTask {
                        _ = try await client.command("INCR", key)
                        // A short server-side wait keeps many calls in flight at once.
                        _ = try await client.command("BLPOP", key + ":never", "0.01")
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await client.command("GET", key) == .string(Array("200".utf8)))
            let inspector = try await CacheTest.inspector()
            guard case .string(let list) = try inspector.command("CLIENT", "LIST") else {
                Issue.record("CLIENT LIST did not answer a string")
                return
            }
            let ours = String(decoding: list, as: UTF8.self).split(separator: "\n")
                .filter { $0.contains("name=\(configuration.clientName) ") }
            #expect((1...3).contains(ours.count), "\(ours.count) connections")
        }
    }

    @Test("blocking calls run on the client's threads: the cooperative pool stays free")
    func offTheCooperativePool() async throws {
        var configuration = try await CacheTest.sharedConfiguration()
        configuration.poolSize = 4
        configuration.commandTimeoutMilliseconds = 15000
        try await CacheTest.withClient(configuration) { client async throws in
            let key = configuration.keyPrefix + ":nothing"
            let started = ContinuousClock.now
            // Four calls that each block their thread for 6 s in Redis — more than the
            // cooperative pool has threads on this machine. Long, so that a loaded machine's
            // stalls cannot blur "answered while they block" with "answered after them".
            let blocking = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<4 { group.addTask { _ = try await client.command("BLPOP", key, "6") } }
                    try await group.waitForAll()
                }
            }
            try await Task.sleep(for: .milliseconds(200))
            // Work that needs a cooperative thread, many times over, while those calls block.
            let probes = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<16 { group.addTask { index } }
                return try await group.reduce(0, +)
            }
            let answeredAfter = ContinuousClock.now - started
            #expect(probes == 120)
            #expect(answeredAfter < .milliseconds(5000), "cooperative work waited \(answeredAfter)")
            try await blocking.value
            #expect(ContinuousClock.now - started >= .milliseconds(5900))
        }
    }

    @Test("pooled connections Redis closed in between are replaced without the caller noticing")
    func staleConnectionsRetried() async throws {
        var configuration = try await CacheTest.sharedConfiguration()
        configuration.poolSize = 2
        configuration.clientName = "zg-stale-" + configuration.keyPrefix
        try await CacheTest.withClient(configuration) { client async throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { _ = try await client.command("BLPOP", "nothing", "0.05") } }
                try await group.waitForAll()
            }
            // Redis drops both idle connections, as a restart or its idle timeout would.
            let inspector = try await CacheTest.inspector()
            guard case .string(let list) = try inspector.command("CLIENT", "LIST") else { return }
            let ids = String(decoding: list, as: UTF8.self).split(separator: "\n")
                .filter { $0.contains("name=\(configuration.clientName) ") }
                .compactMap { $0.split(separator: " ").first { $0.hasPrefix("id=") }?.dropFirst(3) }
            #expect(ids.count == 2)
            for id in ids { _ = try inspector.command("CLIENT", "KILL", "ID", String(id)) }
            #expect(try await client.command("PING") == .status("PONG"))
            #expect(try await client.command("PING") == .status("PONG"))
            #expect(client.isAvailable)
        }
    }

    @Test("REDIS_DB is selected on every connection")
    func databaseSelected() async throws {
        var configuration = try await CacheTest.sharedConfiguration()
        configuration.database = 5
        let key = configuration.keyPrefix + ":in-db-5"
        try await CacheTest.withClient(configuration) { client async throws in
            _ = try await client.command("SET", key, "five", "EX", "60")
        }
        let inspector = try await CacheTest.inspector()
        #expect(try inspector.get(key) == nil)
        _ = try inspector.command("SELECT", "5")
        #expect(try inspector.get(key) == Array("five".utf8))
        _ = try inspector.command("DEL", key)
    }

    @Test("EVALSHA loads the script again after SCRIPT FLUSH (NOSCRIPT)")
    func noScript() async throws {
        // A Redis of its own: SCRIPT FLUSH on the shared one pulls scripts from under every other
        // test using them (twice in a row is a NOSCRIPT the one retry does not survive).
        let redis = try TestRedis()
        defer { redis.shutdown() }
        let configuration = CacheTest.configuration(of: redis)
        try await CacheTest.withClient(configuration) { client async throws in
            let script = RedisScript(source: "return {KEYS[1], ARGV[1], '\(configuration.keyPrefix)'}")
            let expected = RedisReply.array([
                .string(Array("k".utf8)), .string(Array("a".utf8)), .string(Array(configuration.keyPrefix.utf8)),
            ])
            #expect(try await client.evaluate(script, keys: ["k"], arguments: ["a"]) == expected)
            let inspector = try await CacheTest.inspector(port: redis.port)
            _ = try inspector.command("SCRIPT", "FLUSH")
            #expect(try inspector.command("SCRIPT", "EXISTS", script.sha1) == .array([.integer(0)]))
            #expect(try await client.evaluate(script, keys: ["k"], arguments: ["a"]) == expected)
            #expect(try inspector.command("SCRIPT", "EXISTS", script.sha1) == .array([.integer(1)]))
            let failing = RedisScript(source: "return redis.error_reply('ERR deliberate \(configuration.keyPrefix)')")
            let error = await #expect(throws: CacheError.self) {
                try await client.evaluate(failing, keys: [], arguments: [])
            }
            #expect(error?.code == .commandFailed)
            #expect(error?.redisError?.contains("deliberate") == true)
        }
    }

    @Test("the script SHA-1 is Redis's own")
    func scriptDigest() async throws {
        let script = RedisScript(source: "return 1")
        let inspector = try await CacheTest.inspector()
        #expect(try inspector.command("SCRIPT", "LOAD", script.source) == .string(Array(script.sha1.utf8)))
        #expect(script.sha1 == "e0e1f9fabfc9d4800c877a703b823ac0578ff8db")
    }

    @Test("PUBLISH reaches a subscriber, which also times out without losing its subscription")
    func publishSubscribe() async throws {
        let configuration = try await CacheTest.sharedConfiguration()
        let channel = configuration.keyPrefix + ":builds"
        let subscriber = try RedisConnection(configuration: configuration)
        try subscriber.subscribe(channels: [channel, channel + ":other"])
        #expect(try subscriber.nextMessage(timeoutMilliseconds: 50) == nil)
        try await CacheTest.withClient(configuration) { client async throws in
            #expect(try await client.publish(channel: channel, message: #"{"type":"batch"}"#) == 1)
            #expect(try await client.publish(channel: channel + ":nobody", message: "x") == 0)
            #expect(try await client.publish(channel: channel + ":other", message: "second") == 1)
        }
        let first = try subscriber.nextMessage(timeoutMilliseconds: 5000)
        #expect(first == RedisConnection.Message(channel: channel, payload: Array(#"{"type":"batch"}"#.utf8)))
        let second = try subscriber.nextMessage(timeoutMilliseconds: 5000)
        #expect(second?.channel == channel + ":other")
        #expect(second?.payload == Array("second".utf8))
    }

    @Test("run() serves until its task ends, then shuts the client down")
    func runAsService() async throws {
        let client = RedisClient(configuration: try await CacheTest.sharedConfiguration(), logger: CacheTest.logger)
        let service = Task { try await client.run() }
        #expect(try await client.command("PING") == .status("PONG"))
        service.cancel()
        try await service.value
        let error = await #expect(throws: CacheError.self) { try await client.command("PING") }
        #expect(error?.code == .shutDown)
    }

    @Test("after shutdown every call throws shutDown")
    func afterShutdown() async throws {
        let client = RedisClient(configuration: try await CacheTest.sharedConfiguration(), logger: CacheTest.logger)
        #expect(try await client.command("PING") == .status("PONG"))
        await client.shutdown()
        let error = await #expect(throws: CacheError.self) { try await client.command("PING") }
        #expect(error?.code == .shutDown)
        await #expect(throws: CacheError.self) { try await client.probe() }
        await client.shutdown()
    }
}
