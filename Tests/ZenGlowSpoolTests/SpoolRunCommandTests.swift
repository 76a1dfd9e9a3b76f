import AsyncHTTPClient
import Foundation
import Testing
import ZenGlowSpool
import ZenGlowTestSupport

@Suite("zenglow spool run")
struct SpoolRunCommandTests {
    typealias Env = SpoolTestEnvironment

    static func answers(port: Int) async -> Bool {
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/metrics")
        return (try? await HTTPClient.shared.execute(request, timeout: .seconds(2)))?.status == .ok
    }

    @Test("watches incoming/, loads what arrives, serves its metrics, and stops on SIGTERM")
    func runs() async throws {
        let spool = try await Env.make()
        var environment = SpoolCrashTests.environment(spool)
        environment["SPOOL_MAX_WAIT"] = "0"
        environment["LOG_LEVEL"] = "info"
        // A free port can be taken by another server of the test run before the worker binds it;
        // the worker then refuses to start, naming the port, and is started on another.
        var worker: RunningCommand?
        var port = 0
        for _ in 1...5 where worker == nil {
            port = try await GateReceiver.closedPort()
            environment["SPOOL_METRICS_PORT"] = "\(port)"
            let started = try ZenGlowExecutable.start(["spool", "run"], environment: environment)
            if await eventually(within: .seconds(30), { await Self.answers(port: port) }) {
                worker = started
            } else {
                let outcome = await started.terminate()
                guard outcome.standardError.contains("cannot serve metrics on 127.0.0.1:\(port)") else {
                    Issue.record("the worker did not serve its metrics: \(outcome.standardError)")
                    return
                }
            }
        }
        let running = try #require(worker)
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
        let stopped = await running.terminate()
        #expect(archived, "\(stopped.standardError)")
        #expect(served, "\(metrics)")
        #expect(metrics.contains("zenglow_ingest_chunks_total{outcome=\"embedded\"} 2"))
        #expect(stopped.status == 0, "SIGTERM is a clean stop: \(stopped.standardError)")
        #expect(stopped.standardError.contains("\"batch_tag\":\"run-1\""), "JSON logs carry batch_tag")
        #expect(try await spool.chunks(tenant: "t1") == 2)
    }
}
