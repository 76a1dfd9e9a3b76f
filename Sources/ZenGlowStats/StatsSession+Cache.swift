import Foundation
import PostgresNIO

extension StatsSession {
    /// The cache screen: requests and cache hits of each group and bucket.
    func cache(_ request: StatsRequest) async throws -> StatsReport {
        let range = try await range(request)
        let query = Self.seriesQuery(
            request, range: range,
            aggregates: "coalesce(sum(requests), 0)::bigint, coalesce(sum(cache_hits), 0)::bigint")
        var points: [SeriesPoint<StatsReport.Cache>] = []
        let rows = try await connection.query(query, logger: logger)
        for try await (bucket, group, requests, hits) in rows.decode((Date?, String, Int64, Int64).self) {
            points.append(
                SeriesPoint(bucket: bucket, group: group, values: StatsReport.Cache(requests: requests, hits: hits)))
        }
        return StatsReport.cache(points, request: request, range: range)
    }
}
