import Foundation
import PostgresNIO

extension StatsSession {
    /// The weights screen: every fusion-weights, LTR and model change in the range and its effects.
    func weights(_ request: StatsRequest) async throws -> StatsReport {
        let rows = try await connection.query(
            """
            select changed_at, tenant_id, kind, version::bigint, actor, p95_before_ms::float8, p95_after_ms::float8,
                requests_before::bigint, requests_after::bigint, result_sources_js_divergence::float8
            from zenglow_stats.weight_change_effects
            where changed_at >= now() - \(request.since.interval)::interval
            order by changed_at, tenant_id
            """, logger: logger)
        var changes: [StatsReport.WeightChange] = []
        for try await (changed, tenant, kind, version, actor, before, after, requestsBefore, requestsAfter, divergence)
            in rows.decode((Date, String, String, Int64?, String?, Double?, Double?, Int64?, Int64?, Double?).self)
        {
            changes.append(
                StatsReport.WeightChange(
                    changedAt: changed, tenant: tenant, kind: kind, version: version, actor: actor,
                    p95BeforeMilliseconds: before, p95AfterMilliseconds: after, requestsBefore: requestsBefore,
                    requestsAfter: requestsAfter, divergence: divergence))
        }
        return StatsReport.weights(changes, request: request)
    }
}
