import Foundation
import Prometheus
import ZenGlowDB

/// The maintainer's metrics (`zenglow maintain run --every`), in a registry of its own, served by
/// `MaintenanceMetricsServer`. Every outcome's counter exists at 0 from the start, so an alert on
/// `increase(…)` sees the first one.
public final class MaintenanceMetrics: Sendable {
    /// Every metric's name and `# HELP` text: the reference docs/maintenance.md copies.
    public static let help: KeyValuePairs<String, String> = [
        "zenglow_maintenance_runs_total":
            "Maintenance runs by outcome (zenglow.maintenance_runs.outcome; other_error also when the run could not be called).",
        "zenglow_maintenance_run_duration_seconds": "Wall time of one maintenance run, as the maintainer saw it.",
        "zenglow_maintenance_partitions_created_total": "Partitions maintenance created ahead of time.",
        "zenglow_maintenance_partitions_dropped_total":
            "Partitions (or TimescaleDB chunks) maintenance dropped by retention.",
        "zenglow_maintenance_partitions_healed_total":
            "Partitions maintenance made for rows found in a default partition.",
        "zenglow_maintenance_last_success_timestamp_seconds":
            "Unix time the last successful run (success or healed_partition) finished; 0 before the first.",
        "zenglow_maintenance_partitions_ahead":
            "Consecutive partitions after the current one, by table (chunks; query_performance without TimescaleDB).",
        "zenglow_backup_last_success_timestamp_seconds":
            "Unix time the newest successful backup (zenglow.backup_runs) finished, read on each run; 0 when none.",
    ]

    /// `zenglow.maintenance_runs.outcome`'s values.
    public static let outcomes = ["success", "skipped_locked", "healed_partition", "partial", "other_error"]

    public let registry: PrometheusCollectorRegistry
    let duration: DurationHistogram
    let created: Counter
    let dropped: Counter
    let healed: Counter
    let lastSuccess: Gauge
    let lastBackup: Gauge

    public init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        duration = registry.makeDurationHistogram(
            descriptor: Self.descriptor("zenglow_maintenance_run_duration_seconds"),
            buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600].map {
                .milliseconds(Int($0 * 1000))
            })
        created = registry.makeCounter(descriptor: Self.descriptor("zenglow_maintenance_partitions_created_total"))
        dropped = registry.makeCounter(descriptor: Self.descriptor("zenglow_maintenance_partitions_dropped_total"))
        healed = registry.makeCounter(descriptor: Self.descriptor("zenglow_maintenance_partitions_healed_total"))
        lastSuccess = registry.makeGauge(
            descriptor: Self.descriptor("zenglow_maintenance_last_success_timestamp_seconds"))
        lastBackup = registry.makeGauge(descriptor: Self.descriptor("zenglow_backup_last_success_timestamp_seconds"))
        for outcome in Self.outcomes { _ = runs(outcome) }
    }

    /// Records a finished run: its outcome, duration and partitions; a success's time.
    public func recorded(_ run: MaintenanceRun, duration: Duration, at time: Date = Date()) {
        self.duration.record(duration)
        runs(run.outcome).increment()
        created.increment(by: Int64(run.created.count))
        dropped.increment(by: Int64(run.dropped.count))
        healed.increment(by: Int64(run.healed.count))
        if run.outcome == "success" || run.outcome == "healed_partition" {
            lastSuccess.set(time.timeIntervalSince1970)
        }
    }

    /// Records a run that could not be called or read (the server unreachable): other_error.
    public func failed(duration: Duration) {
        self.duration.record(duration)
        runs("other_error").increment()
    }

    /// Sets zenglow_maintenance_partitions_ahead{table}.
    public func partitionsAhead(_ ahead: [PartitionsAhead]) {
        for row in ahead {
            registry.makeGauge(
                descriptor: Self.descriptor("zenglow_maintenance_partitions_ahead"), labels: [("table", row.table)]
            ).set(Int64(row.ahead))
        }
    }

    /// Sets zenglow_backup_last_success_timestamp_seconds (0 when no backup succeeded).
    public func lastBackup(_ finished: Date?) {
        lastBackup.set(finished?.timeIntervalSince1970 ?? 0)
    }

    /// Prometheus text exposition format (version 0.0.4).
    public func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    private func runs(_ outcome: String) -> Counter {
        registry.makeCounter(
            descriptor: Self.descriptor("zenglow_maintenance_runs_total"), labels: [("outcome", outcome)])
    }

    /// The full name with its help text; a name missing from `help` is a programming error.
    private static func descriptor(_ name: String) -> MetricNameDescriptor {
        guard let help = help.first(where: { $0.key == name })?.value else {
            preconditionFailure("\(name) has no entry in MaintenanceMetrics.help")
        }
        return MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }
}
