import Foundation
import Logging
import PostgresNIO

extension PostgresConnection {
    /// `zenglow.run_maintenance()` once (owner or superuser): partitions, retention, rollups;
    /// the run's row of zenglow.maintenance_runs.
    public func runMaintenance(logger: Logger) async throws -> MaintenanceRun {
        guard let json = try await jsonText("select zenglow.run_maintenance()::text", logger: logger) else {
            throw DatabaseError(.server, "zenglow.run_maintenance returned no row")
        }
        do {
            return try JSONDecoder().decode(MaintenanceRun.self, from: Data(json.utf8))
        } catch {
            throw DatabaseError(.server, "zenglow.run_maintenance returned a run this build cannot read: \(error)")
        }
    }
}
