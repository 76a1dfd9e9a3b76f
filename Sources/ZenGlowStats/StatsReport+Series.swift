import Foundation

extension StatsReport {
    /// A series screen: one table row per group (its totals over the range and a sparkline over
    /// every bucket of `range`, blank where a bucket has no data), and one series row per group
    /// and bucket that has data.
    static func series<Values>(
        _ points: [SeriesPoint<Values>], header: String, groupTitle: String, range: StatsRange,
        layout: SeriesLayout<Values>, emptyMessage: String
    ) -> StatsReport {
        var groups: [String] = []
        var totals: [String: Values] = [:]
        var buckets: [String: [Date: Values]] = [:]
        for point in points {
            if totals[point.group] == nil && buckets[point.group] == nil { groups.append(point.group) }
            if let bucket = point.bucket {
                buckets[point.group, default: [:]][bucket] = point.values
            } else {
                totals[point.group] = point.values
            }
        }
        let columns =
            [TextTable.Column(groupTitle, .left, truncatable: true)] + layout.columns
            + [TextTable.Column(layout.sparklineTitle, .left)]
        let table = TextTable(
            columns: columns,
            rows: groups.compactMap { group in
                guard let total = totals[group] else { return nil }
                let series = range.buckets.map { buckets[group]?[$0].flatMap(layout.sparkline) }
                return [.text(group)] + layout.cells(total).map { .text($0) } + [.sparkline(series)]
            })
        let rows = groups.flatMap { group in
            (buckets[group] ?? [:]).sorted { $0.key < $1.key }.map { bucket, values in
                StatsRow(
                    fields: [.init("bucket", .text(StatsRange.text(bucket))), .init("group", .text(group))]
                        + zip(layout.fieldNames, layout.fields(values)).map { StatsRow.Field($0, $1) })
            }
        }
        return StatsReport(
            header: header, sections: [Section(table: table)], emptyMessage: emptyMessage, rows: rows,
            fieldNames: ["bucket", "group"] + layout.fieldNames)
    }

    /// The header of a series screen: what, how far back, bucket and level.
    static func seriesHeader(_ request: StatsRequest, source: String) -> String {
        let per = request.grouping.map { " per \($0.rawValue)" } ?? ""
        let bucket = request.bucket.map { " by \($0) buckets" } ?? ""
        return "\(request.screen.rawValue)\(per), last \(request.since)\(bucket) (\(source))"
    }

    /// What a query screen's header says it read.
    static func rollupSource(_ request: StatsRequest) -> String {
        "\(request.level?.rawValue ?? "5m") rollups + real-time"
    }
}
