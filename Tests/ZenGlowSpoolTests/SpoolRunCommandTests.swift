import AsyncHTTPClient
import Foundation
import Testing
import ZenGlowSpool
import ZenGlowTestSupport

@Suite("zenglow spool run")
struct SpoolRunCommandTests {
    typealias Env = SpoolTestEnvironment

    @Test("watches incoming/, loads what arrives, serves its metrics, and stops on SIGTERM")
    func runs() async throws {
        let spool = try await Env.make()
        let port = try await GateReceiver.closedPort()
        var environment = SpoolCrashTests.environment(spool)
        environment["SPOOL_METRICS_PORT"] = "\(port)"
        environment["SPOOL_MAX_WAIT"] = "0"
        environment["LOG_LEVEL"] = "info"
        let worker = try ZenGlowExecutable.start(["spool", "run"], environment: environment)
        try spool.drop(Env.encode(Env.batch(tag: "run-1", textOnly: true)), as: "run-1.msgpack")
        let archived = await eventually(within: .seconds(60)) { spool.names(in: .archive) == ["run-1.msgpack"] }
        var metrics = ""
        let served = await eventually(within: .seconds(10)) {
            let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/metrics")
            guard let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(2)),
                let body = try? await response.body.collect(upTo: 1 << 20)
            else { return false }
            metrics = String(buffer: body)
            return metrics.contains("zenglow_ingest_processed_total 1")
        }
        let stopped = await worker.terminate()
        #expect(archived, "\(stopped.standardError)")
        #expect(served, "\(metrics)")
        #expect(metrics.contains("zenglow_ingest_chunks_total{outcome=\"embedded\"} 2"))
        #expect(stopped.status == 0, "SIGTERM is a clean stop: \(stopped.standardError)")
        #expect(stopped.standardError.contains("\"batch_tag\":\"run-1\""), "JSON logs carry batch_tag")
        #expect(try await spool.chunks(tenant: "t1") == 2)
    }
}
