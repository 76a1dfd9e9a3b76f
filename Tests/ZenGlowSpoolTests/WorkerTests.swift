import Foundation
import ServiceLifecycle
import Testing
import ZenGlowSpool
import ZenGlowTestSupport

@Suite("the watching worker")
struct WorkerTests {
    typealias Env = SpoolTestEnvironment

    /// Runs a worker over `spool` for the duration of `body`.
    static func watching(_ spool: Env, _ body: () async throws -> Void) async throws {
        try await spool.withRunner { runner in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await SpoolWorker(runner: runner, logger: Env.logger).run() }
                defer { group.cancelAll() }
                try await body()
            }
        }
    }

    @Test("a run opens at SPOOL_MIN_FILES files, or when the oldest has waited SPOOL_MAX_WAIT")
    func thresholds() async throws {
        var spool = try await Env.make()
        spool.configuration.minFiles = 3
        spool.configuration.maxWait = .seconds(2)
        try await Self.watching(spool) {
            try spool.drop(Env.encode(Env.batch(tag: "wait-1")), as: "wait-1.msgpack")
            try spool.drop(Env.encode(Env.batch(tag: "wait-2")), as: "wait-2.msgpack")
            // Two files, fewer than three: nothing is claimed before the oldest has waited 2 s.
            let waited = try #require(await timeUntil(within: .seconds(10)) { spool.names(in: .archive).count == 2 })
            #expect(waited >= .milliseconds(1500), "the run waited for SPOOL_MAX_WAIT (\(waited))")
            // Three at once reach SPOOL_MIN_FILES: the run opens without waiting.
            for index in 3...5 {
                try spool.drop(Env.encode(Env.batch(tag: "wait-\(index)")), as: "wait-\(index).msgpack")
            }
            let quick = try #require(await timeUntil(within: .seconds(10)) { spool.names(in: .archive).count == 5 })
            #expect(quick < .milliseconds(1500), "three files opened a run at once (\(quick))")
        }
        #expect(try await spool.chunks(tenant: "t1") == 10)
    }

    @Test("files keep coming: each is loaded soon after it arrives, and a shutdown stops the worker")
    func watches() async throws {
        let spool = try await Env.make()
        try await Self.watching(spool) {
            for index in 0..<5 {
                try spool.drop(Env.encode(Env.batch(tag: "watch-\(index)")), as: "watch-\(index).msgpack")
                #expect(await eventually(within: .seconds(10)) { spool.names(in: .archive).count == index + 1 })
            }
        }
        #expect(try await spool.chunks(tenant: "t1") == 10)
    }
}
