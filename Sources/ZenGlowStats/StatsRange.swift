import Foundation

/// The buckets a report spans: from the bucket holding `now - since` to `now`, buckets aligned
/// like `date_bin(bucket, ts, '2000-01-01')` (UTC midnight, so 1d buckets are UTC days).
public struct StatsRange: Sendable, Equatable {
    /// 2000-01-01 00:00:00 UTC, date_bin's origin in every query.
    static let origin = Date(timeIntervalSince1970: 946_684_800)

    /// The first bucket's start.
    public let start: Date
    public let end: Date
    public let bucket: StatsDuration

    public init(now: Date, since: StatsDuration, bucket: StatsDuration) {
        let from = now.timeIntervalSince(Self.origin) - Double(since.seconds)
        let width = Double(bucket.seconds)
        start = Self.origin.addingTimeInterval((from / width).rounded(.down) * width)
        end = now
        self.bucket = bucket
    }

    /// Every bucket's start, oldest first.
    public var buckets: [Date] {
        Array(stride(from: start, to: end, by: Double(bucket.seconds)))
    }

    /// A bucket as the JSON and CSV rows print it: `2025-12-01T14:00:00Z`.
    public static func text(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
