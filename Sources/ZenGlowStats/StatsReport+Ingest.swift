extension StatsReport {
    /// Batches of one tenant and bucket (or the whole range).
    public struct Ingest: Sendable, Equatable {
        public let batches: Int64
        public let accepted: Int64
        public let rejected: Int64
        public let failed: Int64
        public let healed: Int64
        /// The median of the days' median seconds from a batch's opening to its rows being searchable.
        public let p50SecondsToSearchable: Double?

        public init(
            batches: Int64, accepted: Int64, rejected: Int64, failed: Int64, healed: Int64,
            p50SecondsToSearchable: Double?
        ) {
            self.batches = batches
            self.accepted = accepted
            self.rejected = rejected
            self.failed = failed
            self.healed = healed
            self.p50SecondsToSearchable = p50SecondsToSearchable
        }

        /// Accepted rows over accepted and rejected; nil when there were none.
        public var acceptanceRate: Double? { StatsNumber.ratio(accepted, accepted + rejected) }
    }

    /// The ingest screen (zenglow_stats.ingest_daily): per tenant batches, rows accepted and
    /// rejected, acceptance %, failed and healed batches, p50 seconds to searchable; sparkline of
    /// batches per bucket.
    public static func ingest(_ points: [SeriesPoint<Ingest>], request: StatsRequest, range: StatsRange)
        -> StatsReport
    {
        series(
            points, header: seriesHeader(request, source: "zenglow_stats.ingest_daily"), groupTitle: "tenant",
            range: range,
            layout: SeriesLayout(
                columns: [
                    .init("batches"), .init("accepted"), .init("rejected"), .init("acc %"), .init("failed"),
                    .init("healed"), .init("p50 s"),
                ],
                cells: {
                    [
                        String($0.batches), String($0.accepted), String($0.rejected),
                        StatsNumber.percent($0.acceptanceRate), String($0.failed), String($0.healed),
                        StatsNumber.seconds($0.p50SecondsToSearchable),
                    ]
                },
                sparklineTitle: "batches", sparkline: { Double($0.batches) },
                fieldNames: [
                    "batches", "accepted", "rejected", "acceptance_rate", "failed", "healed",
                    "p50_seconds_to_searchable",
                ],
                fields: {
                    [
                        .integer($0.batches), .integer($0.accepted), .integer($0.rejected),
                        .number($0.acceptanceRate), .integer($0.failed), .integer($0.healed),
                        .number($0.p50SecondsToSearchable),
                    ]
                }),
            emptyMessage: "no batches recorded in the last \(request.since)")
    }
}
