import Foundation
import PostgresNIO

extension StatsSession {
    /// The errors screen: requests and errors by class of each group and bucket.
    func errors(_ request: StatsRequest) async throws -> StatsReport {
        let range = try await range(request)
        let query = Self.seriesQuery(
            request, range: range,
            aggregates: """
                coalesce(sum(requests), 0)::bigint, coalesce(sum(errors_client), 0)::bigint,
                coalesce(sum(errors_throttled), 0)::bigint, coalesce(sum(errors_server), 0)::bigint,
                coalesce(sum(degraded), 0)::bigint
                """)
        var points: [SeriesPoint<StatsReport.Errors>] = []
        let rows = try await connection.query(query, logger: logger)
        for try await (bucket, group, requests, client, throttled, server, degraded) in rows.decode(
            (Date?, String, Int64, Int64, Int64, Int64, Int64).self)
        {
            points.append(
                SeriesPoint(
                    bucket: bucket, group: group,
                    values: StatsReport.Errors(
                        requests: requests, client: client, throttled: throttled, server: server, degraded: degraded)))
        }
        return StatsReport.errors(points, request: request, range: range)
    }
}
