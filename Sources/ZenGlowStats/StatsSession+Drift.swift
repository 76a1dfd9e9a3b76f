import Foundation
import PostgresNIO

extension StatsSession {
    /// The drift screen: each tenant's latest batch in the range against its previous one, and
    /// the weeks of the range against the week before each.
    func drift(_ request: StatsRequest) async throws -> StatsReport {
        let since = request.since.interval
        var batches: [StatsReport.BatchDrift] = []
        let batchRows = try await connection.query(
            """
            select distinct on (tenant_id) tenant_id, coalesce(batch_tag, batch_id::text), finished_at::timestamptz,
                previous_batch_tag, js_divergence::float8, coalesce(sources_added, '{}'), coalesce(sources_dropped, '{}')
            from zenglow_stats.batch_source_drift
            where finished_at >= now() - \(since)::interval
            order by tenant_id, finished_at desc
            """, logger: logger)
        for try await (tenant, tag, finished, previous, divergence, added, dropped) in batchRows.decode(
            (String, String, Date?, String?, Double?, [String], [String]).self)
        {
            batches.append(
                StatsReport.BatchDrift(
                    tenant: tenant, batchTag: tag, finishedAt: finished, previousBatchTag: previous,
                    divergence: divergence, sourcesAdded: added, sourcesDropped: dropped))
        }
        var weeks: [StatsReport.WeekDrift] = []
        let weekRows = try await connection.query(
            """
            select tenant_id, week::timestamptz, coalesce(queries, 0)::bigint, js_divergence::float8,
                top_documents_overlap::float8
            from zenglow_stats.result_drift_weekly
            where week >= date_trunc('week', now() - \(since)::interval)
            order by tenant_id, week
            """, logger: logger)
        for try await (tenant, week, queries, divergence, overlap) in weekRows.decode(
            (String, Date, Int64, Double?, Double?).self)
        {
            weeks.append(
                StatsReport.WeekDrift(
                    tenant: tenant, week: week, queries: queries, divergence: divergence,
                    topDocumentsOverlap: overlap))
        }
        return StatsReport.drift(batches: batches, weeks: weeks, request: request)
    }
}
