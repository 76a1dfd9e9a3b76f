import Foundation
import Testing
import ZenGlowIngest
import ZenGlowSpool
import ZenGlowTestSupport

@Suite("the same content twice")
struct SpoolIdempotencyTests {
    typealias Env = SpoolTestEnvironment

    @Test("the same file twice, and a renamed copy: archived, the row count unchanged")
    func sameFileTwice() async throws {
        let spool = try await Env.make()
        let bytes = Env.encode(Env.batch(tag: "twice-1", chunks: 3))
        try spool.drop(bytes, as: "twice.msgpack")
        let first = try await spool.withRunner { try #require(try await $0.run()) }
        #expect(first.files.first?.batches.first?.result.resubmitted == false)
        try spool.drop(bytes, as: "twice.msgpack")
        try spool.drop(bytes, as: "renamed-copy.msgpack")
        // The same documents under another tag are recognised by their content hash too.
        try spool.drop(Env.encode(Env.batch(tag: "twice-1", chunks: 3)), as: "third.msgpack")
        let second = try await spool.withRunner { try #require(try await $0.run()) }
        #expect(second.files.allSatisfy { $0.disposition == .archived })
        #expect(second.files.flatMap(\.batches).allSatisfy { $0.result.resubmitted })
        #expect(try await spool.chunks(tenant: "t1") == 3)
        #expect(
            spool.names(in: .archive) == ["renamed-copy.msgpack", "third.msgpack", "twice-2.msgpack", "twice.msgpack"])
        #expect(try await spool.count("select count(*)::int from zenglow.batches where tenant_id = 't1'") == 1)
    }

    @Test("two workers on one spool: every file is loaded once and ends in exactly one folder")
    func twoWorkers() async throws {
        let spool = try await Env.make()
        for index in 0..<24 {
            try spool.drop(Env.encode(Env.batch(tag: "pair-\(index)", chunks: 2)), as: "pair-\(index).msgpack")
        }
        let reports = try await spool.withRunner { first in
            try await spool.withRunner { second in
                async let a = first.run()
                async let b = second.run()
                return [try await a, try await b].compactMap { $0 }
            }
        }
        let processed = reports.flatMap(\.files).map(\.file)
        #expect(processed.count == 24, "no file was processed twice")
        #expect(Set(processed).count == 24)
        #expect(spool.names(in: .archive).count == 24)
        #expect(spool.names(in: .incoming).isEmpty && spool.names(in: .processing).isEmpty)
        #expect(try await spool.chunks(tenant: "t1") == 48)
        #expect(reports.flatMap(\.files).allSatisfy { $0.batches.first?.result.resubmitted == false })
    }
}
