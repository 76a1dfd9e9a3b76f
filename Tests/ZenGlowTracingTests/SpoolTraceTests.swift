import Foundation
import Testing
import ZenGlowTestSupport

/// `zenglow spool run` exporting to a real OTLP/HTTP receiver on loopback.
@Suite("traces of a spool run")
struct SpoolTraceTests {
    @Test("a run is one spool.run span with a spool.file child per file, and the run's log lines carry its trace id")
    func runAndFile() async throws {
        let database = try await TestServers.shared.makeSchemaDatabase()
        let root = try TemporaryDirectory.make(prefix: "zenglow-spool-trace") + "/spool"
        let folder = try TemporaryDirectory.make(prefix: "zenglow-spool-trace")
        let environment = [
            "DATABASE_URL": database.url, "SPOOL_DIR": root, "SPOOL_METRICS_PORT": "0",
            "EMBED_MODEL_DIR": TestModel.directory.url.path,
        ]
        #expect(try await ZenGlowExecutable.run(["tenants", "create", "t1"], environment: environment).status == 0)
        #expect(try await ZenGlowExecutable.run(["spool", "init"], environment: environment).status == 0)
        try #"{"tenant":"t1","batch_tag":"trace-1","documents":[{"id":"d1","chunks":[{"text":"hello spool"}]}]}"#
            .write(toFile: "\(folder)/one.json", atomically: true, encoding: .utf8)

        let observed = try await OTLPReceiver.serving { receiver in
            let worker = try ZenGlowExecutable.start(
                ["spool", "run"],
                environment: environment.merging([
                    "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.endpoint, "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
                    "OTEL_BSP_SCHEDULE_DELAY": "100",
                ]) { $1 })
            let put = try await ZenGlowExecutable.run(["spool", "put", "\(folder)/one.json"], environment: environment)
            #expect(put.status == 0, "\(put.standardError)")
            let arrived = await eventually(within: .seconds(120), every: .milliseconds(100)) {
                Set(receiver.spans.map(\.name)).isSuperset(of: ["spool.run", "spool.file"])
            }
            let outcome = await worker.terminate()
            return (arrived, receiver.spans, outcome.standardError)
        }
        let (arrived, spans, standardError) = observed
        #expect(arrived, "spans: \(spans)\n\(standardError.suffix(2000))")
        let run = try #require(spans.first { $0.name == "spool.run" })
        let file = try #require(spans.first { $0.name == "spool.file" })
        #expect(run.service == "zenglow-spool")
        #expect(run.parentSpanID == nil)
        #expect(run.attributes["zg.spool.files"] == "1")
        #expect(file.traceID == run.traceID)
        #expect(file.parentSpanID == run.spanID)
        #expect(file.attributes["zg.spool.file"] == "one.msgpack")
        #expect(file.attributes["zg.spool.disposition"] == "archived")

        let lines = standardError.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let done = lines.first { $0["msg"] as? String == "run done" }
        #expect(done?["trace_id"] as? String == run.traceID, "\(done ?? [:])")
    }
}
