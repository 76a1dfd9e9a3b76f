import Foundation
import PostgresNIO

extension StatsSession {
    /// The ingest screen: zenglow_stats.ingest_daily per tenant, re-bucketed.
    func ingest(_ request: StatsRequest) async throws -> StatsReport {
        let range = try await range(request)
        let query: PostgresQuery = """
            with series as (
                select date_bin(\(range.bucket.interval)::interval, d.day::timestamp at time zone 'UTC',
                        timestamptz '2000-01-01 00:00:00+00') as b,
                    d.tenant_id as g, d.*
                from zenglow_stats.ingest_daily d
                where d.day >= (\(range.start)::timestamptz at time zone 'UTC')::date
            )
            select b, g, coalesce(sum(batches), 0)::bigint, coalesce(sum(accepted), 0)::bigint,
                coalesce(sum(rejected), 0)::bigint, coalesce(sum(failed), 0)::bigint, coalesce(sum(healed), 0)::bigint,
                percentile_cont(0.5) within group (order by p50_seconds_to_searchable::float8)
            from series
            group by grouping sets ((g, b), (g))
            order by g, b nulls first
            """
        var points: [SeriesPoint<StatsReport.Ingest>] = []
        let rows = try await connection.query(query, logger: logger)
        for try await (bucket, group, batches, accepted, rejected, failed, healed, p50) in rows.decode(
            (Date?, String, Int64, Int64, Int64, Int64, Int64, Double?).self)
        {
            points.append(
                SeriesPoint(
                    bucket: bucket, group: group,
                    values: StatsReport.Ingest(
                        batches: batches, accepted: accepted, rejected: rejected, failed: failed, healed: healed,
                        p50SecondsToSearchable: p50)))
        }
        return StatsReport.ingest(points, request: request, range: range)
    }
}
