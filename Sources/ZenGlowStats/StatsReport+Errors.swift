extension StatsReport {
    /// Outcomes of one group and bucket (or the whole range), by error class.
    public struct Errors: Sendable, Equatable {
        public let requests: Int64
        public let client: Int64
        public let throttled: Int64
        public let server: Int64
        public let degraded: Int64

        public init(requests: Int64, client: Int64, throttled: Int64, server: Int64, degraded: Int64) {
            self.requests = requests
            self.client = client
            self.throttled = throttled
            self.server = server
            self.degraded = degraded
        }

        /// Errors of every class over requests; nil without requests.
        public var errorRate: Double? { StatsNumber.ratio(client + throttled + server, requests) }
    }

    /// The errors screen: requests, client (4xx), throttled (429, overloaded 503), server (other
    /// 5xx) and error % per group, sparkline of the error rate.
    public static func errors(_ points: [SeriesPoint<Errors>], request: StatsRequest, range: StatsRange)
        -> StatsReport
    {
        series(
            points, header: seriesHeader(request, source: rollupSource(request)),
            groupTitle: request.grouping?.rawValue ?? "group", range: range,
            layout: SeriesLayout(
                columns: [.init("requests"), .init("client"), .init("throttled"), .init("server"), .init("error %")],
                cells: {
                    [
                        String($0.requests), String($0.client), String($0.throttled), String($0.server),
                        StatsNumber.percent($0.errorRate),
                    ]
                },
                sparklineTitle: "error rate", sparkline: \.errorRate,
                fieldNames: [
                    "requests", "errors_client", "errors_throttled", "errors_server", "degraded", "error_rate",
                ],
                fields: {
                    [
                        .integer($0.requests), .integer($0.client), .integer($0.throttled), .integer($0.server),
                        .integer($0.degraded), .number($0.errorRate),
                    ]
                }),
            emptyMessage: "no queries recorded in the last \(request.since)")
    }
}
