import Foundation

/// One group's aggregate over one bucket, or over the whole range when `bucket` is nil (the
/// queries return both, from one `group by grouping sets`).
public struct SeriesPoint<Values: Sendable>: Sendable {
    public let bucket: Date?
    public let group: String
    public let values: Values

    public init(bucket: Date?, group: String, values: Values) {
        self.bucket = bucket
        self.group = group
        self.values = values
    }
}
