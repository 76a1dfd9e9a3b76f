import Foundation
import Prometheus

/// The spool worker's metrics, in a registry of its own (so several workers in one test process do
/// not share counters), served by `SpoolMetricsServer` in Prometheus text format. Series whose
/// label values are known in advance (reasons, states, outcomes) exist at 0 from the start, so an
/// alert on `increase(…)` sees the first one.
public final class SpoolMetrics: Sendable {
    /// Every metric's name and `# HELP` text: the reference docs/ingestion.md copies.
    public static let help: KeyValuePairs<String, String> = [
        "zenglow_ingest_processed_total":
            "Batches loaded by the spool worker, re-submissions of a loaded batch included.",
        "zenglow_ingest_rejected_total":
            "Rejections by reason code: rows the loader refused, and whole files sent to failed/.",
        "zenglow_ingest_chunks_total":
            "Chunks by outcome: accepted (stored), embedded (vector computed by the worker), fallback (took a fallback path).",
        "zenglow_ingest_fallback_fraction":
            "Share of the last run's chunks that took a fallback path (0 when it had none).",
        "zenglow_ingest_alerts_total": "Runs whose first failure (a healed one included) raised an alert, by reason.",
        "zenglow_ingest_drift_flagged_total":
            "Batches whose source mix moved past DRIFT_THRESHOLD from the tenant's previous batch.",
        "zenglow_ingest_pii_findings_total": "PII findings in chunk text and titles, by kind.",
        "zenglow_spool_runs_total": "Spool runs by the reason they ended with.",
        "zenglow_spool_run_duration_seconds": "Wall time of a spool run, from claiming its first file to gate.done.",
        "zenglow_spool_files": "Files in each spool folder (incoming, processing, archive, failed) at the last count.",
        "zenglow_gate_deliveries_total": "Gate delivery attempts by event and outcome (delivered, failed).",
        "zenglow_gate_outbox_pending": "Gate events recorded in the outbox and not yet delivered.",
    ]

    /// The folders `files(…)` counts, as the `state` label.
    static let fileStates = ["incoming", "processing", "archive", "failed"]

    public let registry: PrometheusCollectorRegistry
    let processedBatches: Counter
    let runDuration: DurationHistogram
    let fallbackFraction: Gauge
    let outboxPending: Gauge
    let driftFlagged: Counter

    public init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        processedBatches = registry.makeCounter(descriptor: Self.descriptor("zenglow_ingest_processed_total"))
        runDuration = registry.makeDurationHistogram(
            descriptor: Self.descriptor("zenglow_spool_run_duration_seconds"),
            buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600].map { .milliseconds(Int($0 * 1000)) })
        fallbackFraction = registry.makeGauge(descriptor: Self.descriptor("zenglow_ingest_fallback_fraction"))
        outboxPending = registry.makeGauge(descriptor: Self.descriptor("zenglow_gate_outbox_pending"))
        driftFlagged = registry.makeCounter(descriptor: Self.descriptor("zenglow_ingest_drift_flagged_total"))
        for reason in SpoolReason.allCases {
            _ = counter("zenglow_spool_runs_total", ["reason": reason.rawValue])
            if reason != .success { _ = counter("zenglow_ingest_alerts_total", ["reason": reason.rawValue]) }
        }
        for outcome in ["accepted", "embedded", "fallback"] {
            _ = counter("zenglow_ingest_chunks_total", ["outcome": outcome])
        }
        for state in Self.fileStates { _ = gauge("zenglow_spool_files", ["state": state]) }
        for event in GateEvent.Kind.allCases {
            for outcome in ["delivered", "failed"] {
                _ = counter("zenglow_gate_deliveries_total", ["event": event.rawValue, "outcome": outcome])
            }
        }
    }

    /// Counts batches loaded (zenglow_ingest_processed_total), re-submissions included.
    public func processed(batches: Int) {
        processedBatches.increment(by: Int64(batches))
    }

    /// Counts rejections under a loader reason code or a `SpoolFailureCode` (zenglow_ingest_rejected_total{reason}).
    public func rejected(reason: String, count: Int = 1) {
        counter("zenglow_ingest_rejected_total", ["reason": reason]).increment(by: Int64(count))
    }

    /// Counts a batch's chunks by outcome (zenglow_ingest_chunks_total{outcome}).
    public func chunks(accepted: Int, embedded: Int, fallback: Int) {
        counter("zenglow_ingest_chunks_total", ["outcome": "accepted"]).increment(by: Int64(accepted))
        counter("zenglow_ingest_chunks_total", ["outcome": "embedded"]).increment(by: Int64(embedded))
        counter("zenglow_ingest_chunks_total", ["outcome": "fallback"]).increment(by: Int64(fallback))
    }

    /// Records a finished run: its duration, its reason, and the share of its chunks that took a
    /// fallback path (zenglow_ingest_fallback_fraction; 0 for a run without chunks).
    public func runFinished(duration: Duration, reason: SpoolReason, chunks: Int, fallbackChunks: Int) {
        runDuration.record(duration)
        counter("zenglow_spool_runs_total", ["reason": reason.rawValue]).increment()
        fallbackFraction.set(chunks > 0 ? Double(fallbackChunks) / Double(chunks) : 0)
    }

    /// Counts the alert a run's first failure raises (zenglow_ingest_alerts_total{reason}).
    public func alert(reason: SpoolReason) {
        counter("zenglow_ingest_alerts_total", ["reason": reason.rawValue]).increment()
    }

    /// Sets the number of files in each spool folder (zenglow_spool_files{state}).
    public func files(incoming: Int, processing: Int, archive: Int, failed: Int) {
        for (state, count) in zip(Self.fileStates, [incoming, processing, archive, failed]) {
            gauge("zenglow_spool_files", ["state": state]).set(Int64(count))
        }
    }

    /// Counts one gate delivery attempt (zenglow_gate_deliveries_total{event,outcome}).
    public func gateDelivery(event: String, outcome: String) {
        counter("zenglow_gate_deliveries_total", ["event": event, "outcome": outcome]).increment()
    }

    /// Sets the number of undelivered gate events (zenglow_gate_outbox_pending).
    public func gatePending(_ count: Int) {
        outboxPending.set(Int64(count))
    }

    /// Counts a drift check that flagged its batch (zenglow_ingest_drift_flagged_total); unflagged ones count nothing.
    public func drift(flagged: Bool) {
        if flagged { driftFlagged.increment() }
    }

    /// Counts PII findings of one kind (zenglow_ingest_pii_findings_total{kind}).
    public func pii(kind: String, count: Int) {
        guard count > 0 else { return }
        counter("zenglow_ingest_pii_findings_total", ["kind": kind]).increment(by: Int64(count))
    }

    /// Prometheus text exposition format (version 0.0.4).
    public func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    private func counter(_ name: String, _ labels: KeyValuePairs<String, String>) -> Counter {
        registry.makeCounter(descriptor: Self.descriptor(name), labels: labels.map { ($0.key, $0.value) })
    }

    private func gauge(_ name: String, _ labels: KeyValuePairs<String, String>) -> Gauge {
        registry.makeGauge(descriptor: Self.descriptor(name), labels: labels.map { ($0.key, $0.value) })
    }

    /// The full name with its help text; a name missing from `help` is a programming error.
    private static func descriptor(_ name: String) -> MetricNameDescriptor {
        guard let help = help.first(where: { $0.key == name })?.value else {
            preconditionFailure("\(name) has no entry in SpoolMetrics.help")
        }
        return MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }
}
