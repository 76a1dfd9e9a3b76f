import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import ZenGlowCache
import ZenGlowTestSupport

@testable import ZenGlowAPI

/// Counts outcomes of requests running side by side.
private actor Tally {
    var statuses: [HTTPResponse.Status] = []
    var retryAfter: [Int] = []
    var codes: [String] = []

    func add(_ response: TestResponse) {
        statuses.append(response.status)
        if let value = response.headers[.retryAfter].flatMap(Int.init) { retryAfter.append(value) }
        if let code = response.errorCode { codes.append(code) }
    }

    func count(_ status: HTTPResponse.Status) -> Int { statuses.filter { $0 == status }.count }
}

@Suite("limits shared by every instance through Redis")
struct SharedLimitsTests {
    @Test(
        "two instances, 20 clients on one key for 5 s: at most burst + rate × elapsed + 1 allowed; another key unaffected"
    )
    func oneRateLimitForAllInstances() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let other = try await environment.key()
        let limits = ["RATE_LIMIT_BURST": "5", "RATE_LIMIT_PER_SECOND": "10", "MAX_ACTIVE_SESSIONS": "0"]
        let first = try environment.application(limits)
        let second = try environment.application(limits)
        let tally = Tally()
        let elapsed = try await first.application.test(.router) { one in
            try await second.application.test(.router) { two in
                let started = ContinuousClock.now
                let deadline = started + .seconds(5)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for client in 0..<20 {
                        group.addTask {
                            while ContinuousClock.now < deadline {
                                let response = try await (client % 2 == 0 ? one : two).execute(
                                    uri: "/fusion/weights", method: .get, headers: .bearer(key))
                                await tally.add(response)
                                // 20 clients every 20 ms are ~1,000 tries a second against 10
                                // allowed, without taking both cores from the tests beside it.
                                try await Task.sleep(for: .milliseconds(20))
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                let elapsed = ContinuousClock.now - started
                let unaffected = try await two.execute(uri: "/fusion/weights", method: .get, headers: .bearer(other))
                #expect(unaffected.status == .ok, "a second key has its own limit")
                return elapsed
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let allowed = await tally.count(.ok)
        let limited = await tally.count(.tooManyRequests)
        #expect(allowed + limited == (await tally.statuses.count), "only 200 and 429, never a 5xx")
        #expect(Double(allowed) <= 5 + 10 * seconds + 1, "allowed \(allowed) in \(seconds) s")
        // The ceiling is the property; a loaded machine may send too few requests for any floor
        // beyond the burst, which a fresh key always gets.
        #expect(allowed >= 5, "allowed \(allowed) in \(seconds) s")
        #expect(limited > 0)
        let retryAfter = await tally.retryAfter
        #expect(retryAfter.allSatisfy { $0 >= 1 })
    }

    @Test("MAX_ACTIVE_SESSIONS across two instances: slow requests hold the slots, the rest get 503 within the wait")
    func sessionCapAcrossInstances() async throws {
        let (environment, key) = try await RagQueryTests.loaded()
        let limits = ["MAX_ACTIVE_SESSIONS": "2", "MAX_ACTIVE_SESSIONS_WAIT_MS": "300", "CACHE_ENABLED": "false"]
        let first = try environment.application(limits)
        let second = try environment.application(limits)
        let tally = Tally()
        let body = jsonBody(["query": "insulin", "embedding": axisEmbedding(1)])
        let rejectedWithin = try await first.application.test(.router) { one in
            try await second.application.test(.router) { two in
                let within = try await environment.database.withConnection { blocker -> Duration? in
                    // Queries that reach the chunks wait behind this lock: slow requests on demand.
                    _ = try await blocker.query("begin", logger: APITestEnvironment.logger)
                    _ = try await blocker.query(
                        "lock table zenglow.chunks in access exclusive mode", logger: APITestEnvironment.logger)
                    let started = ContinuousClock.now
                    return try await withThrowingTaskGroup(of: Void.self) { group in
                        for request in 0..<6 {
                            group.addTask {
                                let response = try await (request % 2 == 0 ? one : two).execute(
                                    uri: "/rag/query", method: .post, headers: .bearer(key), body: body)
                                await tally.add(response)
                            }
                        }
                        let fourRefused = await eventually(within: .seconds(20)) {
                            await tally.count(.serviceUnavailable) >= 4
                        }
                        let within = fourRefused ? ContinuousClock.now - started : nil
                        _ = try await blocker.query("rollback", logger: APITestEnvironment.logger)
                        try await group.waitForAll()
                        return within
                    }
                }
                let after = try await one.execute(uri: "/rag/query", method: .post, headers: .bearer(key), body: body)
                #expect(after.status == .ok, "slots are given back when requests finish")
                return within
            }
        }
        let statuses = await tally.statuses
        #expect(statuses.filter { $0 == .ok }.count == 2, "\(statuses)")
        #expect(await tally.count(.serviceUnavailable) == 4)
        #expect(await tally.codes == Array(repeating: "overloaded", count: 4))
        let retryAfter = await tally.retryAfter
        #expect(retryAfter.count == 4 && retryAfter.allSatisfy { $0 >= 1 })
        let within = try #require(rejectedWithin)
        #expect(within < .seconds(10), "refused after the bounded wait, not a pile-up of timeouts")
        let redis = try RedisConnection(socketPath: try await TestServers.shared.redis().socketPath)
        #expect(
            try redis.command("ZCARD", "\(environment.redisPrefix):sessions") == .integer(0), "no lease left behind")
    }
}
