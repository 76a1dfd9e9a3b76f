/// Which real-time rollup view a bucket is computed from: the coarsest level whose buckets
/// divide it, so the fewest rows are read.
public enum RollupLevel: String, Sendable, CaseIterable {
    case fiveMinutes = "5m"
    case hour = "1h"
    case day = "1d"

    /// The level read for buckets of `bucket` (a multiple of 5 minutes).
    public static func reading(bucket: StatsDuration) -> RollupLevel {
        if bucket.isMultiple(of: .day) { return .day }
        if bucket.isMultiple(of: .hour) { return .hour }
        return .fiveMinutes
    }

    /// The view that holds this level: rollup rows before the watermark, raw rows past it.
    public var view: String { "zenglow_stats.query_stats_\(rawValue)" }
}
