import Logging
import PostgresNIO

extension PostgresConnection {
    /// `zenglow_api.record_performance`: request timings (a JSON array) of the transaction's tenant.
    public func recordPerformance(recordsJSON: String, logger: Logger) async throws {
        try await execute("select zenglow_api.record_performance(\(recordsJSON)::jsonb)", logger: logger)
    }

    /// `zenglow_api.schema_status()`: schema version, failed migrations and the model registry,
    /// as JSON (no tenant needed).
    public func schemaStatus(logger: Logger) async throws -> String {
        guard let json = try await jsonText("select zenglow_api.schema_status()::text", logger: logger) else {
            throw DatabaseError(.server, "zenglow_api.schema_status returned no row")
        }
        return json
    }
}
