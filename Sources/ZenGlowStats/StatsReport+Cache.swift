extension StatsReport {
    /// Cache hits of one group and bucket (or the whole range).
    public struct Cache: Sendable, Equatable {
        public let requests: Int64
        public let hits: Int64

        public init(requests: Int64, hits: Int64) {
            self.requests = requests
            self.hits = hits
        }

        /// Hits over requests; nil without requests.
        public var hitRatio: Double? { StatsNumber.ratio(hits, requests) }
    }

    /// The cache screen: requests, hits and hit % per group, sparkline of the hit ratio.
    public static func cache(_ points: [SeriesPoint<Cache>], request: StatsRequest, range: StatsRange)
        -> StatsReport
    {
        series(
            points, header: seriesHeader(request, source: rollupSource(request)),
            groupTitle: request.grouping?.rawValue ?? "group", range: range,
            layout: SeriesLayout(
                columns: [.init("requests"), .init("hits"), .init("hit %")],
                cells: { [String($0.requests), String($0.hits), StatsNumber.percent($0.hitRatio)] },
                sparklineTitle: "hit ratio", sparkline: \.hitRatio,
                fieldNames: ["requests", "cache_hits", "hit_ratio"],
                fields: { [.integer($0.requests), .integer($0.hits), .number($0.hitRatio)] }),
            emptyMessage: "no queries recorded in the last \(request.since)")
    }
}
