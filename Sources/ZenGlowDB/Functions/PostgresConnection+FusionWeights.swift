import Logging
import PostgresNIO

extension PostgresConnection {
    /// `zenglow_api.current_fusion_weights()`: the transaction tenant's active weights as JSON.
    public func currentFusionWeights(logger: Logger) async throws -> String {
        try await jsonText("select zenglow_api.current_fusion_weights()::text", logger: logger) ?? "null"
    }

    /// `zenglow_api.set_fusion_weights`: a new audited, announced version of the tenant's weights.
    public func setFusionWeights(
        weightsJSON: String, reason: String, actor: String, issueLink: String?, logger: Logger
    ) async throws -> String {
        try await jsonText(
            "select zenglow_api.set_fusion_weights(\(weightsJSON)::jsonb, \(reason), \(actor), \(issueLink))::text",
            logger: logger) ?? "null"
    }

    /// The single text column of the single row `query` returns; nil for no row or SQL null.
    func jsonText(_ query: PostgresQuery, logger: Logger) async throws -> String? {
        let rows = try await self.query(query, logger: logger)
        for try await text in rows.decode(String?.self) { return text }
        return nil
    }
}
