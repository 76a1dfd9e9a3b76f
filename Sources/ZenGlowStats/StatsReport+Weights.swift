import Foundation

extension StatsReport {
    /// A fusion-weights, LTR or model change and what followed (zenglow_stats.weight_change_effects).
    public struct WeightChange: Sendable, Equatable {
        public let changedAt: Date
        public let tenant: String
        public let kind: String
        public let version: Int64?
        public let actor: String?
        public let p95BeforeMilliseconds: Double?
        public let p95AfterMilliseconds: Double?
        public let requestsBefore: Int64?
        public let requestsAfter: Int64?
        /// Jensen–Shannon divergence of result sources, the 24 h before against the 24 h after.
        public let divergence: Double?

        public init(
            changedAt: Date, tenant: String, kind: String, version: Int64?, actor: String?,
            p95BeforeMilliseconds: Double?, p95AfterMilliseconds: Double?, requestsBefore: Int64?,
            requestsAfter: Int64?, divergence: Double?
        ) {
            self.changedAt = changedAt
            self.tenant = tenant
            self.kind = kind
            self.version = version
            self.actor = actor
            self.p95BeforeMilliseconds = p95BeforeMilliseconds
            self.p95AfterMilliseconds = p95AfterMilliseconds
            self.requestsBefore = requestsBefore
            self.requestsAfter = requestsAfter
            self.divergence = divergence
        }
    }

    /// The weights screen: each change with p95 before → after and the JSD of result sources.
    public static func weights(_ changes: [WeightChange], request: StatsRequest) -> StatsReport {
        let table = TextTable(
            columns: [
                .init("changed at", .left), .init("tenant", .left, truncatable: true), .init("kind", .left),
                .init("ver"), .init("actor", .left, truncatable: true), .init("p95 ms"),
                .init("JSD"),
            ],
            rows: changes.map { change in
                [
                    .text(minute(change.changedAt)), .text(change.tenant), .text(change.kind),
                    .text(change.version.map(String.init) ?? "-"), .text(change.actor ?? "-"),
                    .text(
                        StatsNumber.milliseconds(change.p95BeforeMilliseconds) + " → "
                            + StatsNumber.milliseconds(change.p95AfterMilliseconds)),
                    .text(StatsNumber.fraction(change.divergence)),
                ]
            })
        let rows = changes.map { change in
            StatsRow([
                "bucket": .text(StatsRange.text(change.changedAt)), "group": .text(change.tenant),
                "kind": .text(change.kind), "version": change.version.map { .integer($0) } ?? .null,
                "actor": .text(change.actor), "p95_before_ms": .number(change.p95BeforeMilliseconds),
                "p95_after_ms": .number(change.p95AfterMilliseconds),
                "requests_before": change.requestsBefore.map { .integer($0) } ?? .null,
                "requests_after": change.requestsAfter.map { .integer($0) } ?? .null,
                "result_sources_js_divergence": .number(change.divergence),
            ])
        }
        return StatsReport(
            header: "weight changes, last \(request.since): p95 ms and result-source JSD, 24h before → after",
            sections: [Section(table: table)],
            emptyMessage: "no weight changes recorded in the last \(request.since)", rows: rows,
            fieldNames: [
                "bucket", "group", "kind", "version", "actor", "p95_before_ms", "p95_after_ms", "requests_before",
                "requests_after", "result_sources_js_divergence",
            ])
    }
}
