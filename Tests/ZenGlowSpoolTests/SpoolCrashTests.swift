import Foundation
import Testing
import ZenGlowSpool
import ZenGlowTestSupport

@Suite("a worker killed at the worst moments")
struct SpoolCrashTests {
    typealias Env = SpoolTestEnvironment

    static func environment(_ spool: Env, fault: SpoolFaultPoint? = nil) -> [String: String] {
        var environment = [
            "DATABASE_URL": spool.database.url, "SPOOL_DIR": spool.directory.root,
            "EMBED_MODEL_DIR": TestModel.directory.url.path, "SPOOL_METRICS_PORT": "0", "SPOOL_RETRY_BASE": "0.01",
            "SPOOL_RETRY_MAX": "0.05", "LOG_LEVEL": "warning", "SPOOL_CONCURRENCY": "1",
        ]
        environment["ZENGLOW_SPOOL_FAULT"] = fault?.rawValue
        return environment
    }

    @Test(
        "SIGKILL after the claim, in the middle of COPY, after commit: every file ends in exactly one of archive/ or failed/, no row lost or doubled",
        arguments: SpoolFaultPoint.allCases)
    func killed(at fault: SpoolFaultPoint) async throws {
        let spool = try await Env.make()
        for index in 0..<3 {
            try spool.drop(
                Env.encode(Env.batch(tag: "crash-\(index)", chunks: 3, textOnly: index == 1)),
                as: "crash-\(index).msgpack")
        }
        try spool.drop([0x93, 0x01], as: "crash-poison.msgpack")
        let worker = try ZenGlowExecutable.start(
            ["spool", "process"], environment: Self.environment(spool, fault: fault))
        let marker = "\(spool.directory.stateDirectory)/fault-reached"
        let reached = await eventually(within: .seconds(60)) { FileManager.default.fileExists(atPath: marker) }
        let killed = await worker.kill()
        #expect(reached, "the worker reached \(fault.rawValue): \(killed.standardError)")
        try FileManager.default.removeItem(atPath: marker)
        #expect(spool.names(in: .processing).count == 1, "the claimed file is left in processing/")
        let loadedBeforeRestart = try await spool.chunks(tenant: "t1")
        #expect(loadedBeforeRestart == (fault == .afterCommit ? 3 : 0))

        let restart = try await ZenGlowExecutable.run(["spool", "process"], environment: Self.environment(spool))
        #expect(restart.status == 1, "the poison file fails: \(restart.standardError)")
        #expect(restart.standardError.contains("reclaimed"), "the orphan was reclaimed")
        #expect(spool.names(in: .processing).isEmpty && spool.names(in: .incoming).isEmpty)
        #expect(spool.names(in: .archive) == ["crash-0.msgpack", "crash-1.msgpack", "crash-2.msgpack"])
        #expect(spool.names(in: .failed) == ["crash-poison.msgpack", "crash-poison.msgpack.reason.json"])
        #expect(try await spool.chunks(tenant: "t1") == 9)
        #expect(try await spool.count("select count(*)::int from zenglow.batches where tenant_id = 't1'") == 3)
        #expect(
            try await spool.count(
                "select count(*)::int from (select document_id, chunk_order from zenglow.chunks group by 1, 2 having count(*) > 1) d"
            ) == 0)
    }
}
