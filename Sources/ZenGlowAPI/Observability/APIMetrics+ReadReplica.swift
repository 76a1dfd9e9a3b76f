import CoreMetrics

extension APIMetrics {
    /// Counts a read answered by `source`.
    func read(from source: ReadSource) {
        CoreMetrics.Counter(
            label: "zenglow_reads_total", dimensions: [("server", source.rawValue)], factory: factory
        ).increment()
    }

    /// Counts a read meant for the replica that went to the primary, by why.
    func replicaFallback(_ reason: ReplicaFallback) {
        CoreMetrics.Counter(
            label: "zenglow_read_replica_fallbacks_total", dimensions: [("reason", reason.rawValue)], factory: factory
        ).increment()
    }

    /// 1 after the replica answered, 0 after it could not be reached.
    func replicaUp(_ up: Bool) {
        CoreMetrics.Gauge(label: "zenglow_read_replica_up", factory: factory).record(up ? 1 : 0)
    }
}
