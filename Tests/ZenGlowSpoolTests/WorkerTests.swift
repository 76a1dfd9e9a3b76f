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

    // Only lower bounds and orderings: a loaded machine makes everything later, never earlier.
    @Test("below SPOOL_MIN_FILES nothing is claimed until the oldest has waited SPOOL_MAX_WAIT")
    func maxWait() async throws {
        var spool = try await Env.make()
        spool.configuration.minFiles = 100
        spool.configuration.maxWait = .seconds(2)
        try await Self.watching(spool) {
            let dropped = ContinuousClock.now
            try spool.drop(Env.encode(Env.batch(tag: "wait-1")), as: "wait-1.msgpack")
            #expect(await eventually(within: .seconds(60)) { spool.names(in: .archive) == ["wait-1.msgpack"] })
            #expect(ContinuousClock.now - dropped >= .seconds(2), "claimed only after SPOOL_MAX_WAIT")
        }
    }

    @Test("SPOOL_MIN_FILES ready files open a run without waiting for SPOOL_MAX_WAIT")
    func minFiles() async throws {
        var spool = try await Env.make()
        spool.configuration.minFiles = 3
        spool.configuration.maxWait = .seconds(3600)
        try await Self.watching(spool) {
            for index in 1...2 {
                try spool.drop(Env.encode(Env.batch(tag: "min-\(index)")), as: "min-\(index).msgpack")
            }
            try await Task.sleep(for: .seconds(1))
            #expect(spool.names(in: .archive).isEmpty, "two files are fewer than SPOOL_MIN_FILES")
            try spool.drop(Env.encode(Env.batch(tag: "min-3")), as: "min-3.msgpack")
            #expect(await eventually(within: .seconds(60)) { spool.names(in: .archive).count == 3 })
        }
        #expect(try await spool.chunks(tenant: "t1") == 6)
    }

    @Test("files keep coming: each is loaded soon after it arrives, and a shutdown stops the worker")
    func watches() async throws {
        let spool = try await Env.make()
        try await Self.watching(spool) {
            for index in 0..<5 {
                try spool.drop(Env.encode(Env.batch(tag: "watch-\(index)")), as: "watch-\(index).msgpack")
                #expect(await eventually(within: .seconds(60)) { spool.names(in: .archive).count == index + 1 })
            }
        }
        #expect(try await spool.chunks(tenant: "t1") == 10)
    }
}
