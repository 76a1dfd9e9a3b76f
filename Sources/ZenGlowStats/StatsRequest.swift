/// One `zenglow stats` invocation, its arguments checked: every way it can be wrong is one
/// `StatsError` line naming the argument.
public struct StatsRequest: Sendable, Equatable {
    public let screen: StatsScreen
    /// How far back the report reaches.
    public let since: StatsDuration
    /// Nil: one row, "all".
    public let grouping: StatsGrouping?
    /// The width of a series bucket; nil for screens without buckets (drift, weights).
    public let bucket: StatsDuration?
    public let format: StatsOutputFormat

    /// The level read for the bucket (nil for screens that do not read query rollups).
    public var level: RollupLevel? {
        switch screen {
        case .latency, .errors, .cache: bucket.map(RollupLevel.reading(bucket:))
        case .ingest, .drift, .weights: nil
        }
    }

    /// Checks the arguments as the command line gave them (nil when not given).
    public init(
        screen: String, since: String?, by: String?, bucket: String?, json: Bool = false, csv: Bool = false
    ) throws {
        let screen = try StatsScreen(parsing: screen)
        self.screen = screen
        self.since =
            try since.map { try StatsDuration(parsing: $0, option: "--since") } ?? StatsDuration(count: 24, unit: "h")
        // Daily rollups are kept for ever, but a range past a few years is a typo (999999w is out of
        // PostgreSQL's timestamp range) or a series too long to draw.
        guard self.since.seconds <= Self.longestSince.seconds else {
            throw StatsError("--since may reach back at most \(Self.longestSince) (5 years), not '\(since ?? "")'")
        }
        if let by {
            guard !screen.groupings.isEmpty else {
                throw StatsError("--by does not apply to \(screen.rawValue) (its tables are per tenant)")
            }
            guard let grouping = StatsGrouping(rawValue: by), screen.groupings.contains(grouping) else {
                throw StatsError(
                    "--by must be \(Self.list(screen.groupings.map(\.rawValue))) for \(screen.rawValue) (got '\(by)')")
            }
            self.grouping = grouping
        } else {
            self.grouping = screen == .ingest ? .tenant : nil
        }
        if let bucket {
            guard screen.defaultBucket != nil else {
                throw StatsError("--bucket does not apply to \(screen.rawValue)")
            }
            let parsed = try StatsDuration(parsing: bucket, option: "--bucket")
            let finest = screen.finestBucket
            guard parsed.isMultiple(of: finest) else {
                throw StatsError("--bucket must be a multiple of \(finest) for \(screen.rawValue) (got '\(bucket)')")
            }
            self.bucket = parsed
        } else {
            self.bucket = screen.defaultBucket
        }
        if json && csv { throw StatsError("--json and --csv cannot be used together: choose one") }
        self.format = json ? .json : csv ? .csv : .table
    }

    /// The longest `--since`: five years.
    public static let longestSince = StatsDuration(count: 260, unit: "w")

    /// `a, b or c`.
    static func list(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items.last!
    }
}
