/// Percentiles and throughput of one pgbench run, from its per-transaction log.
public struct LatencySummary: Sendable {
    public let clients: Int
    public let transactions: Int
    public let seconds: Double
    public let p50: Double
    public let p95: Double
    public let p99: Double

    public var perSecond: Double { Double(transactions) / seconds }

    /// `latencies` in milliseconds.
    init(clients: Int, latencies: [Double], seconds: Double) {
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
        }
        self.clients = clients
        transactions = sorted.count
        self.seconds = seconds
        p50 = percentile(0.50)
        p95 = percentile(0.95)
        p99 = percentile(0.99)
    }
}
