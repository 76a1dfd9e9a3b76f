/// A terminal table that fits a width (80 columns unless told): its truncatable columns (names)
/// are cut with … and its sparkline column drawn narrower before a line may grow past it.
public struct TextTable: Sendable, Equatable {
    /// How a column's cells line up.
    public enum Alignment: Sendable, Equatable {
        case left, right
    }

    /// A column: its heading, alignment, and whether its text may be cut to fit.
    public struct Column: Sendable, Equatable {
        public let title: String
        public let alignment: Alignment
        public let truncatable: Bool

        public init(_ title: String, _ alignment: Alignment = .right, truncatable: Bool = false) {
            self.title = title
            self.alignment = alignment
            self.truncatable = truncatable
        }
    }

    /// A cell: text, or a series drawn as a sparkline as wide as the column.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case sparkline([Double?])
    }

    public var columns: [Column]
    public var rows: [[Cell]]

    public init(columns: [Column], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    static let gap = 2
    static let narrowestName = 12
    static let narrowestSparkline = 8

    /// The table as lines of at most `width` characters (unless even its numbers do not fit).
    public func render(width: Int = 80) -> String {
        var widths = columns.indices.map { index in
            rows.reduce(columns[index].title.count) { widest, row in
                switch row[index] {
                case .text(let text): max(widest, text.count)
                case .sparkline(let values): max(widest, values.count)
                }
            }
        }
        let isSparkline = columns.indices.map { index in
            rows.contains { if case .sparkline = $0[index] { true } else { false } }
        }
        func shrink(_ chosen: (Int) -> Bool, to floor: (Int) -> Int) {
            for index in columns.indices where chosen(index) {
                let excess = widths.reduce(Self.gap * (columns.count - 1), +) - width
                guard excess > 0 else { return }
                widths[index] = max(floor(index), widths[index] - excess)
            }
        }
        let title = { (index: Int) in columns[index].title.count }
        shrink({ columns[$0].truncatable }, to: { max(Self.narrowestName, title($0)) })
        shrink({ isSparkline[$0] }, to: { max(Self.narrowestSparkline, title($0)) })
        shrink({ columns[$0].truncatable }, to: { max(2, min(title($0), 4)) })

        let heading = columns.indices.map { pad(columns[$0].title, widths[$0], columns[$0].alignment) }
        let lines = rows.map { row in
            columns.indices.map { index -> String in
                switch row[index] {
                case .text(let text): pad(text, widths[index], columns[index].alignment)
                case .sparkline(let values): pad(Sparkline.render(values, width: widths[index]), widths[index], .left)
                }
            }
        }
        return ([heading] + lines).map { trimmedEnd($0.joined(separator: String(repeating: " ", count: Self.gap))) }
            .joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int, _ alignment: Alignment) -> String {
        let cut = text.count > width ? String(text.prefix(max(0, width - 1))) + "…" : text
        let fill = String(repeating: " ", count: max(0, width - cut.count))
        return alignment == .left ? cut + fill : fill + cut
    }

    private func trimmedEnd(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
