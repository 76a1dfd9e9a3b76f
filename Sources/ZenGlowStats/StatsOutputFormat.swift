/// How a report is printed: terminal tables, or its series rows as JSON or CSV.
public enum StatsOutputFormat: Sendable {
    case table, json, csv
}
