import Foundation

/// A screen's result: its header line, its tables, and the series rows `--json`/`--csv` print.
public struct StatsReport: Sendable, Equatable {
    /// One table, with a title line when a screen has several.
    public struct Section: Sendable, Equatable {
        public let title: String?
        public let table: TextTable

        public init(title: String? = nil, table: TextTable) {
            self.title = title
            self.table = table
        }
    }

    /// What was read (range, bucket, level).
    public let header: String
    public let sections: [Section]
    /// The line printed instead of empty tables ("no queries recorded in the last 24h").
    public let emptyMessage: String
    /// The series rows.
    public let rows: [StatsRow]
    /// The rows' field names, in order: the CSV header.
    public let fieldNames: [String]

    public init(header: String, sections: [Section], emptyMessage: String, rows: [StatsRow], fieldNames: [String]) {
        self.header = header
        self.sections = sections
        self.emptyMessage = emptyMessage
        self.rows = rows
        self.fieldNames = fieldNames
    }

    /// True when no table has a row.
    public var isEmpty: Bool { sections.allSatisfy { $0.table.rows.isEmpty } }

    /// The report as `format` prints it (without a final line break).
    public func render(_ format: StatsOutputFormat, width: Int = 80) throws -> String {
        switch format {
        case .table:
            if isEmpty { return emptyMessage }
            let tables = sections.filter { !$0.table.rows.isEmpty }.map { section in
                (section.title.map { [$0] } ?? []) + [section.table.render(width: width)]
            }
            return ([header] + tables.map { $0.joined(separator: "\n") }).joined(separator: "\n\n")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(rows), as: UTF8.self)
        case .csv:
            let lines = rows.map { row in CSVText.record(fieldNames.map { row[$0]?.csv ?? "" }) }
            return ([CSVText.record(fieldNames)] + lines).joined(separator: "\n")
        }
    }
}
