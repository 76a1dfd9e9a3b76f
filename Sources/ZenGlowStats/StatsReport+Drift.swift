import Foundation

extension StatsReport {
    /// A tenant's latest batch against its previous one (zenglow_stats.batch_source_drift).
    public struct BatchDrift: Sendable, Equatable {
        public let tenant: String
        public let batchTag: String
        public let finishedAt: Date?
        public let previousBatchTag: String?
        /// Base-2 Jensen–Shannon divergence of the two batches' source shares, 0…1.
        public let divergence: Double?
        public let sourcesAdded: [String]
        public let sourcesDropped: [String]

        public init(
            tenant: String, batchTag: String, finishedAt: Date?, previousBatchTag: String?, divergence: Double?,
            sourcesAdded: [String], sourcesDropped: [String]
        ) {
            self.tenant = tenant
            self.batchTag = batchTag
            self.finishedAt = finishedAt
            self.previousBatchTag = previousBatchTag
            self.divergence = divergence
            self.sourcesAdded = sourcesAdded
            self.sourcesDropped = sourcesDropped
        }
    }

    /// A tenant's week of results against the week before (zenglow_stats.result_drift_weekly).
    public struct WeekDrift: Sendable, Equatable {
        public let tenant: String
        public let week: Date
        public let queries: Int64
        /// Jensen–Shannon divergence of the weeks' result sources, 0…1.
        public let divergence: Double?
        /// Jaccard overlap of the weeks' top documents, 0…1.
        public let topDocumentsOverlap: Double?

        public init(tenant: String, week: Date, queries: Int64, divergence: Double?, topDocumentsOverlap: Double?) {
            self.tenant = tenant
            self.week = week
            self.queries = queries
            self.divergence = divergence
            self.topDocumentsOverlap = topDocumentsOverlap
        }
    }

    static let driftFields = [
        "series", "bucket", "group", "batch_tag", "previous_batch_tag", "js_divergence", "sources_added",
        "sources_dropped", "queries", "top_documents_overlap",
    ]

    /// The drift screen: two tables, the source mix of each tenant's latest batch, and the result
    /// sources week over week. Series rows: `series` is `batch_sources` or `result_sources`.
    public static func drift(batches: [BatchDrift], weeks: [WeekDrift], request: StatsRequest) -> StatsReport {
        let batchTable = TextTable(
            columns: [
                .init("tenant", .left, truncatable: true), .init("batch", .left, truncatable: true),
                .init("previous", .left, truncatable: true), .init("JSD"), .init("added", .left, truncatable: true),
                .init("dropped", .left, truncatable: true),
            ],
            rows: batches.map { batch in
                [
                    .text(batch.tenant), .text(batch.batchTag), .text(batch.previousBatchTag ?? "-"),
                    .text(StatsNumber.fraction(batch.divergence)), .text(list(batch.sourcesAdded)),
                    .text(list(batch.sourcesDropped)),
                ]
            })
        let weekTable = TextTable(
            columns: [
                .init("tenant", .left, truncatable: true), .init("week", .left), .init("queries"), .init("JSD"),
                .init("top-k overlap"),
            ],
            rows: weeks.map { week in
                [
                    .text(week.tenant), .text(day(week.week)), .text(String(week.queries)),
                    .text(StatsNumber.fraction(week.divergence)), .text(StatsNumber.fraction(week.topDocumentsOverlap)),
                ]
            })
        let batchRows = batches.map { batch in
            StatsRow([
                "series": .text("batch_sources"), "bucket": .text(batch.finishedAt.map(StatsRange.text)),
                "group": .text(batch.tenant), "batch_tag": .text(batch.batchTag),
                "previous_batch_tag": .text(batch.previousBatchTag), "js_divergence": .number(batch.divergence),
                "sources_added": .texts(batch.sourcesAdded), "sources_dropped": .texts(batch.sourcesDropped),
            ])
        }
        let weekRows = weeks.map { week in
            StatsRow([
                "series": .text("result_sources"), "bucket": .text(StatsRange.text(week.week)),
                "group": .text(week.tenant), "js_divergence": .number(week.divergence),
                "queries": .integer(week.queries), "top_documents_overlap": .number(week.topDocumentsOverlap),
            ])
        }
        return StatsReport(
            header: "drift, last \(request.since): source mix per batch, result sources per week (JSD 0…1)",
            sections: [
                Section(title: "source mix of each tenant's latest batch against its previous one", table: batchTable),
                Section(title: "result sources, week over week", table: weekTable),
            ],
            emptyMessage: "no batches or queries recorded in the last \(request.since)",
            rows: batchRows + weekRows, fieldNames: driftFields)
    }

    /// `a,b` or `-`.
    static func list(_ items: [String]) -> String { items.isEmpty ? "-" : items.joined(separator: ",") }

    /// `2025-12-01`.
    static func day(_ date: Date) -> String { String(StatsRange.text(date).prefix(10)) }

    /// `2025-12-01 14:05`.
    static func minute(_ date: Date) -> String {
        StatsRange.text(date).prefix(16).replacingOccurrences(of: "T", with: " ")
    }
}
