extension StatsReport {
    /// Latency of one group and bucket (or the whole range): the answers timed (status < 400; a
    /// refusal or an error is not latency) and their percentiles in ms.
    public struct Latency: Sendable, Equatable {
        public let requests: Int64
        public let p50: Double?
        public let p95: Double?
        public let p99: Double?

        public init(requests: Int64, p50: Double?, p95: Double?, p99: Double?) {
            self.requests = requests
            self.p50 = p50
            self.p95 = p95
            self.p99 = p99
        }
    }

    /// The latency screen: answers, p50, p95, p99 per group, sparkline of p95.
    public static func latency(_ points: [SeriesPoint<Latency>], request: StatsRequest, range: StatsRange)
        -> StatsReport
    {
        series(
            points, header: seriesHeader(request, source: rollupSource(request)),
            groupTitle: request.grouping?.rawValue ?? "group", range: range,
            layout: SeriesLayout(
                columns: [.init("answers"), .init("p50 ms"), .init("p95 ms"), .init("p99 ms")],
                cells: {
                    [
                        String($0.requests), StatsNumber.milliseconds($0.p50), StatsNumber.milliseconds($0.p95),
                        StatsNumber.milliseconds($0.p99),
                    ]
                },
                sparklineTitle: "p95 per \(range.bucket)", sparkline: \.p95,
                fieldNames: ["answers", "p50_ms", "p95_ms", "p99_ms"],
                fields: { [.integer($0.requests), .number($0.p50), .number($0.p95), .number($0.p99)] }),
            emptyMessage: "no queries recorded in the last \(request.since)")
    }
}
