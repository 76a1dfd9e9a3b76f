/// What `zenglow stats` shows: one screen per question an analyst asks.
public enum StatsScreen: String, Sendable, CaseIterable {
    case latency, errors, cache, ingest, drift, weights

    /// Parses the screen's name; the error lists the screens.
    public init(parsing text: String) throws {
        guard let screen = StatsScreen(rawValue: text) else {
            throw StatsError(
                "unknown screen '\(text)': choose \(StatsScreen.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = screen
    }

    /// The groupings `--by` accepts on this screen (empty: `--by` does not apply).
    public var groupings: [StatsGrouping] {
        switch self {
        case .latency: [.tenant, .mode, .model, .stage]
        case .errors, .cache: [.tenant, .mode, .model]
        case .ingest: [.tenant]
        case .drift, .weights: []
        }
    }

    /// The bucket used when `--bucket` is not given (nil: the screen has no buckets).
    public var defaultBucket: StatsDuration? {
        switch self {
        case .latency, .errors, .cache: .hour
        case .ingest: .day
        case .drift, .weights: nil
        }
    }

    /// The finest bucket the screen's data has.
    var finestBucket: StatsDuration {
        self == .ingest ? .day : .fiveMinutes
    }
}
