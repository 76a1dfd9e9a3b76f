import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import ZenGlowCache
import ZenGlowTestSupport

@testable import ZenGlowAPI

@Suite("when Redis goes away", .serialized)
struct RedisOutageTests {
    @Test("Redis stopped during a load: no 5xx, answers keep coming uncached, readiness degraded; back: hits resume")
    func survivesARestart() async throws {
        let (environment, key) = try await RagQueryTests.loaded()
        let redis = try TestRedis()
        defer { redis.shutdown() }
        let api = try environment.application([
            "REDIS_PORT": String(redis.port), "REDIS_RETRY_MS": "100", "RATE_LIMIT_PER_SECOND": "1000",
            "RATE_LIMIT_BURST": "1000",
        ])
        let question = jsonBody(["query": "insulin", "embedding": axisEmbedding(1)])
        try await api.application.test(.router) { client in
            func ask() async throws -> (HTTPResponse.Status, String?) {
                let response = try await client.execute(
                    uri: "/rag/query", method: .post, headers: .bearer(key), body: question)
                return (response.status, response.json["cache"] as? String)
            }
            _ = try await ask()
            #expect(try await ask() == (.ok, "hit"))

            // A load that runs through the outage and the restart (stopped by a flag, not by
            // cancelling it: a cancelled request is the test's doing, not the server's).
            let running = Atomic<Bool>(true)
            let load = Task {
                var statuses: [HTTPResponse.Status] = []
                while running.load(ordering: .relaxed) {
                    statuses.append(try await ask().0)
                }
                return statuses
            }
            try redis.stop()
            let bypassed = try await eventually(within: .seconds(10)) { try await ask() == (.ok, "bypass") }
            #expect(bypassed, "answers come from the database while Redis is down")
            let ready = try await client.execute(uri: "/health/ready", method: .get)
            #expect(ready.status == .ok)
            #expect(ready.json["status"] as? String == "degraded")
            let checks = ready.json["checks"] as? [[String: Any]] ?? []
            #expect(checks.first { $0["name"] as? String == "redis" }?["ok"] as? Bool == false)
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains("zenglow_redis_up 0"))
            #expect(metrics.contains(#"zenglow_redis_fallbacks_total{use="rate_limit"}"#))

            try redis.start()
            // The first answer after the restart is stored again, then served.
            let resumed = try await eventually(within: .seconds(10)) { try await ask() == (.ok, "hit") }
            #expect(resumed, "hits resume without restarting the API")
            running.store(false, ordering: .relaxed)
            let statuses = try await load.value
            #expect(!statuses.isEmpty)
            #expect(statuses.allSatisfy { $0 == .ok }, "never a 5xx: \(Set(statuses.map(\.code)))")
            let readyAgain = try await client.execute(uri: "/health/ready", method: .get)
            #expect(readyAgain.json["status"] as? String == "ready")
        }
    }

    @Test("a wrong REDIS_PASSWORD stops the start-up with an error naming the key, never the password")
    func wrongPassword() async throws {
        let environment = try await APITestEnvironment.make()
        let redis = try TestRedis(password: "correct-horse-battery")
        defer { redis.shutdown() }
        let wrong = try environment.application(["REDIS_PORT": String(redis.port), "REDIS_PASSWORD": "tr0ub4dor-wrong"])
        let error = await #expect(throws: CacheError.self) {
            try await wrong.startupCheck(logger: APITestEnvironment.logger)
        }
        let text = "\(error.map { "\($0)" } ?? "")"
        #expect(text.contains("REDIS_PASSWORD"), "\(text)")
        #expect(!text.contains("tr0ub4dor-wrong") && !text.contains("correct-horse-battery"))
        let missing = try environment.application(["REDIS_PORT": String(redis.port)])
        let refused = await #expect(throws: CacheError.self) {
            try await missing.startupCheck(logger: APITestEnvironment.logger)
        }
        #expect("\(refused.map { "\($0)" } ?? "")".contains("REDIS_PASSWORD"))
        let right = try environment.application([
            "REDIS_PORT": String(redis.port), "REDIS_PASSWORD": "correct-horse-battery",
        ])
        try await right.startupCheck(logger: APITestEnvironment.logger)
    }

    @Test("Redis unreachable at start-up is not fatal: the API starts and serves")
    func unreachableAtStartup() async throws {
        let (environment, key) = try await RagQueryTests.loaded()
        let redis = try TestRedis()
        let port = redis.port
        redis.shutdown()
        let api = try environment.application(["REDIS_PORT": String(port)])
        try await api.startupCheck(logger: APITestEnvironment.logger)
        try await api.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(key),
                body: jsonBody(["query": "insulin", "embedding": axisEmbedding(1)]))
            #expect(response.status == .ok)
            #expect(response.json["cache"] as? String == "bypass")
        }
    }
}
