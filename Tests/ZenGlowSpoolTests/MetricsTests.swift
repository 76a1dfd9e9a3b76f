import AsyncHTTPClient
import Foundation
import Logging
import Testing
import ZenGlowSpool

@Suite("Spool metrics and their server")
struct MetricsTests {
    /// Metrics with every method called once, so every family has samples.
    static func exercised() -> SpoolMetrics {
        let metrics = SpoolMetrics()
        metrics.processed(batches: 3)
        metrics.rejected(reason: "invalid_msgpack")
        metrics.rejected(reason: "tenant_mismatch", count: 4)
        metrics.chunks(accepted: 40, embedded: 12, fallback: 10)
        metrics.runFinished(duration: .milliseconds(1250), reason: .healedPartition, chunks: 40, fallbackChunks: 10)
        metrics.alert(reason: .healedPartition)
        metrics.files(incoming: 2, processing: 1, archive: 7, failed: 1)
        metrics.gateDelivery(event: "gate.open", outcome: "delivered")
        metrics.gatePending(1)
        metrics.drift(flagged: true)
        metrics.drift(flagged: false)
        metrics.pii(kind: "email", count: 2)
        return metrics
    }

    @Test("render passes promtool check metrics, and every metric of the spec is there with its # HELP")
    func promtool() throws {
        let text = Self.exercised().render()
        let check = try ExternalTool.run("/usr/bin/promtool", ["check", "metrics"], input: Data(text.utf8))
        #expect(check.status == 0, "promtool: \(check.output)\n\(text)")
        #expect(check.output.isEmpty, "promtool lint: \(check.output)")
        for (name, help) in SpoolMetrics.help {
            #expect(text.contains("# HELP \(name) \(help)\n"), "\(name) has no # HELP line")
        }
        #expect(SpoolMetrics.help.count == 12)
    }

    @Test("each call moves the series a dashboard reads")
    func samples() {
        let metrics = Self.exercised()
        #expect(metrics.value("zenglow_ingest_processed_total") == 3)
        #expect(metrics.value(#"zenglow_ingest_rejected_total{reason="tenant_mismatch"}"#) == 4)
        #expect(metrics.value(#"zenglow_ingest_chunks_total{outcome="embedded"}"#) == 12)
        #expect(metrics.value("zenglow_ingest_fallback_fraction") == 0.25)
        #expect(metrics.value(#"zenglow_spool_runs_total{reason="healed_partition"}"#) == 1)
        #expect(metrics.value(#"zenglow_spool_runs_total{reason="success"}"#) == 0, "known reasons exist at 0")
        #expect(metrics.value(#"zenglow_ingest_alerts_total{reason="healed_partition"}"#) == 1)
        #expect(metrics.value(#"zenglow_spool_files{state="archive"}"#) == 7)
        #expect(metrics.value("zenglow_spool_run_duration_seconds_count") == 1)
        #expect(metrics.value(#"zenglow_spool_run_duration_seconds_bucket{le="1.0"}"#) == 0)
        #expect(metrics.value(#"zenglow_spool_run_duration_seconds_bucket{le="2.5"}"#) == 1)
        #expect(metrics.value("zenglow_ingest_drift_flagged_total") == 1, "only flagged checks count")
        #expect(metrics.value(#"zenglow_ingest_pii_findings_total{kind="email"}"#) == 2)
        #expect(metrics.value("zenglow_gate_outbox_pending") == 1)
        metrics.runFinished(duration: .seconds(1), reason: .success, chunks: 0, fallbackChunks: 0)
        #expect(metrics.value("zenglow_ingest_fallback_fraction") == 0, "a run without chunks has no fallback")
    }

    @Test("the metrics server answers GET /metrics as Prometheus text, and 404 for anything else")
    func server() async throws {
        let metrics = Self.exercised()
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "zenglow.test.metrics")
        logger.logLevel = .critical  // stopping by cancellation logs an error that is not one here
        let server = SpoolMetricsServer(host: "127.0.0.1", port: 0, metrics: metrics, logger: logger) {
            continuation.yield($0)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            func get(_ path: String) async throws -> (HTTPClientResponse, String) {
                let response = try await HTTPClient.shared.execute(
                    HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(10))
                return (response, String(buffer: try await response.body.collect(upTo: 1 << 20)))
            }
            let (response, text) = try await get("/metrics")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: "Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            #expect(text == metrics.render())
            for path in ["/", "/metrics/json", "/health"] {
                #expect(try await get(path).0.status == .notFound, "\(path)")
            }
        }
    }
}

extension SpoolMetrics {
    /// The value of one series of `render()`, written as it appears there: `name{labels}`.
    func value(_ series: String) -> Double? {
        for line in render().split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), line[..<space] == series else { continue }
            return Double(line[line.index(after: space)...])
        }
        return nil
    }
}

/// A command-line tool run to completion with `input` on its standard input.
enum ExternalTool {
    static func run(_ path: String, _ arguments: [String], input: Data) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
