/// How a series screen (latency, errors, cache, ingest) lays out its values: the table's columns
/// between the group and the sparkline, and the series row's fields after bucket and group.
struct SeriesLayout<Values: Sendable> {
    let columns: [TextTable.Column]
    let cells: (Values) -> [String]
    let sparklineTitle: String
    let sparkline: (Values) -> Double?
    let fieldNames: [String]
    let fields: (Values) -> [StatsValue]
}
