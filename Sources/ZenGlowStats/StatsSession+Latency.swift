import Foundation
import PostgresNIO

extension StatsSession {
    /// The latency screen: percentiles of the merged histograms of each group and bucket.
    func latency(_ request: StatsRequest) async throws -> StatsReport {
        let range = try await range(request)
        let query = Self.seriesQuery(
            request, range: range,
            aggregates: """
                coalesce(zenglow_stats.histogram_count(zenglow_stats.histogram_merge(hist)), 0)::bigint,
                zenglow_stats.histogram_quantile(zenglow_stats.histogram_merge(hist), 0.5),
                zenglow_stats.histogram_quantile(zenglow_stats.histogram_merge(hist), 0.95),
                zenglow_stats.histogram_quantile(zenglow_stats.histogram_merge(hist), 0.99)
                """)
        var points: [SeriesPoint<StatsReport.Latency>] = []
        let rows = try await connection.query(query, logger: logger)
        for try await (bucket, group, requests, p50, p95, p99) in rows.decode(
            (Date?, String, Int64, Double?, Double?, Double?).self)
        {
            points.append(
                SeriesPoint(
                    bucket: bucket, group: group,
                    values: StatsReport.Latency(requests: requests, p50: p50, p95: p95, p99: p99)))
        }
        return StatsReport.latency(points, request: request, range: range)
    }
}
