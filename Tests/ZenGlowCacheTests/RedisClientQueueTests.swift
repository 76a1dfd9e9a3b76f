import Foundation
import Testing
import ZenGlowCache

@Suite("RedisClient's bounded queue")
struct RedisClientQueueTests {
    /// More than the 256 calls a one-thread client lets wait.
    static let calls = 400

    @Test("more calls than the pool carries fail at once as busy, and late ones fail when their turn comes")
    func boundedQueue() async throws {
        var configuration = try await CacheTest.sharedConfiguration()
        configuration.poolSize = 1
        configuration.commandTimeoutMilliseconds = 1000
        let key = configuration.keyPrefix + ":never-filled"
        try await CacheTest.withClient(configuration) { client in
            let started = ContinuousClock.now
            // Each call holds the one connection for 200 ms (BLPOP on an empty list times out).
            let results = await withTaskGroup(of: (String, Duration).self) { group in
                for _ in 0..<Self.calls {
                    group.addTask {
                        do {
                            _ = try await client.command("BLPOP", key, "0.2")
                            return ("ok", ContinuousClock.now - started)
                        } catch let error as CacheError {
                            // Refused by the bound, or late for its turn: the messages tell them apart.
                            let kind = error.message.contains("already queued") ? "-refused" : "-late"
                            return (
                                error.code.description + (error.code == .busy ? kind : ""),
                                ContinuousClock.now - started
                            )
                        } catch {
                            return ("\(error)", ContinuousClock.now - started)
                        }
                    }
                }
                return await group.reduce(into: [(String, Duration)]()) { $0.append($1) }
            }
            let outcomes = results.reduce(into: [String: Int]()) { $0[$1.0, default: 0] += 1 }
            // The calls beyond the bound never queue; of those that did, the ones whose turn came
            // after REDIS_TIMEOUT_MS failed then.
            #expect(outcomes["busy-refused", default: 0] >= Self.calls - client.maximumInFlight, "\(outcomes)")
            #expect(outcomes["busy-late", default: 0] >= 1, "\(outcomes)")
            #expect(outcomes["ok", default: 0] >= 1, "\(outcomes)")
            #expect(Set(outcomes.keys).isSubset(of: ["ok", "busy-refused", "busy-late"]), "\(outcomes)")
            // Calls that waited past REDIS_TIMEOUT_MS failing when their turn came is what
            // `busy-late` above proves; no wall-clock bound, which a loaded CI machine breaks.
            #expect(client.isAvailable, "a busy client is not an unreachable Redis")
            let pong = try await client.command("PING")
            #expect(pong == .status("PONG"))
        }
    }
}
