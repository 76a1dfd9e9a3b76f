import Foundation
import Testing
import ZenGlowSpool
import ZenGlowTestSupport

@Suite("Summary files")
struct SummaryWriterTests {
    private func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test("a missing report folder is created 0700, the summary replaced whole, no temporary file left")
    func atomicReplace() throws {
        let root = try TemporaryDirectory.make(prefix: "zenglow-summary")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = SummaryWriter(directory: "\(root)/reports/nested")
        let big = SummaryTests.summary(
            bySource: Dictionary(uniqueKeysWithValues: (0..<500).map { ("source-\($0)", $0) }))
        try writer.write(big)
        let small = SummaryTests.summary(bySource: ["crm": 1])
        let path = try writer.write(small)

        #expect(try mode("\(root)/reports") == 0o700)
        #expect(try mode("\(root)/reports/nested/t1") == 0o700)
        #expect(try mode(path) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(root)/reports/nested/t1") == ["b2.json"])
        #expect(
            writer.previous(tenant: "t1", before: "other")?.bySource == ["crm": 1], "no bytes of the bigger file left")
    }

    @Test("a reader never sees a half-written summary")
    func readersSeeWholeFiles() async throws {
        let root = try TemporaryDirectory.make(prefix: "zenglow-summary")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = SummaryWriter(directory: root)
        let big = SummaryTests.summary(bySource: Dictionary(uniqueKeysWithValues: (0..<3000).map { ("s\($0)", $0) }))
        let path = try writer.write(big)
        let reader = Task.detached {
            var torn = 0
            while !Task.isCancelled {
                let data = FileManager.default.contents(atPath: path) ?? Data()
                if (try? JSONSerialization.jsonObject(with: data)) == nil { torn += 1 }
            }
            return torn
        }
        for _ in 0..<150 { try writer.write(big) }
        reader.cancel()
        #expect(await reader.value == 0)
    }

    @Test("previous is the tenant's newest summary other than the batch's own")
    func previousPicksNewest() throws {
        let root = try TemporaryDirectory.make(prefix: "zenglow-summary")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = SummaryWriter(directory: root)
        let start = Date(timeIntervalSinceNow: -3600)
        // Written out of time order, so the answer depends on written_at, not on the write order.
        try writer.write(SummaryTests.summary(tag: "b3", writtenAt: start + 30))
        try writer.write(SummaryTests.summary(tag: "b1", writtenAt: start + 10))
        try writer.write(SummaryTests.summary(tag: "b2", writtenAt: start + 20))
        try writer.write(SummaryTests.summary(tenant: "t2", tag: "b9", writtenAt: start + 99))
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: "\(root)/t1/broken.json"))

        #expect(writer.previous(tenant: "t1", before: "b4")?.batchTag == "b3")
        #expect(writer.previous(tenant: "t1", before: "b3")?.batchTag == "b2", "a re-submitted batch skips itself")
        #expect(writer.previous(tenant: "t2", before: "b10")?.batchTag == "b9")
        #expect(writer.previous(tenant: "t3", before: "b1") == nil)
    }

    @Test("a tenant or tag that would leave the report folder is refused")
    func unsafeNames() throws {
        let root = try TemporaryDirectory.make(prefix: "zenglow-summary")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = SummaryWriter(directory: "\(root)/reports")
        for (tenant, tag) in [("../escape", "b1"), ("t1", ".hidden"), ("", "b1")] {
            #expect {
                try writer.write(SummaryTests.summary(tenant: tenant, tag: tag))
            } throws: { error in
                (error as? ReportError)?.code == .unsafeName
            }
        }
        #expect(!FileManager.default.fileExists(atPath: "\(root)/escape"))
    }
}
