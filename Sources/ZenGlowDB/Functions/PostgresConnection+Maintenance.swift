import Foundation
import Logging
import PostgresNIO

extension PostgresConnection {
    /// `zenglow.run_maintenance(scheduler)` once (owner or superuser): partitions, retention,
    /// rollups, ANALYZE after loads; the run's row of zenglow.maintenance_runs. `scheduler` is what
    /// the row records as having started it: `manual`, `service` or `pg_cron`.
    public func runMaintenance(scheduler: String = "manual", logger: Logger) async throws -> MaintenanceRun {
        guard
            let json = try await jsonText(
                "select zenglow.run_maintenance(p_scheduler => \(scheduler))::text", logger: logger)
        else {
            throw DatabaseError(.server, "zenglow.run_maintenance returned no row")
        }
        do {
            return try JSONDecoder().decode(MaintenanceRun.self, from: Data(json.utf8))
        } catch {
            throw DatabaseError(.server, "zenglow.run_maintenance returned a run this build cannot read: \(error)")
        }
    }

    /// `zenglow.maintenance_partitions_ahead()`: per partitioned table, the consecutive partitions
    /// after the current one and how many the settings premake.
    public func maintenancePartitionsAhead(logger: Logger) async throws -> [PartitionsAhead] {
        let rows = try await query(
            "select table_name, partitions_ahead, premake from zenglow.maintenance_partitions_ahead()", logger: logger)
        var ahead: [PartitionsAhead] = []
        for try await (table, count, premake) in rows.decode((String, Int, Int).self) {
            ahead.append(PartitionsAhead(table: table, ahead: count, premake: premake))
        }
        return ahead
    }

    /// When the newest successful backup finished (zenglow.backup_runs), nil when none did.
    public func lastSuccessfulBackup(logger: Logger) async throws -> Date? {
        let rows = try await query(
            "select extract(epoch from max(finished_at))::float8 from zenglow.backup_runs where outcome = 'success'",
            logger: logger)
        for try await seconds in rows.decode(Double?.self) {
            return seconds.map { Date(timeIntervalSince1970: $0) }
        }
        return nil
    }

    /// `zenglow_api.maintenance_scheduler()`: which scheduler ran maintenance last, and when
    /// (readable by zenglow_app, for `/health/ready`).
    public func maintenanceSchedulerStatus(logger: Logger) async throws -> MaintenanceSchedulerStatus {
        guard
            let json = try await jsonText("select zenglow_api.maintenance_scheduler()::text", logger: logger)
        else {
            throw DatabaseError(.server, "zenglow_api.maintenance_scheduler returned no row")
        }
        do {
            return try JSONDecoder().decode(MaintenanceSchedulerStatus.self, from: Data(json.utf8))
        } catch {
            throw DatabaseError(
                .server, "zenglow_api.maintenance_scheduler returned what this build cannot read: \(error)")
        }
    }
}

/// One row of `zenglow.maintenance_partitions_ahead()`.
public struct PartitionsAhead: Sendable, Equatable {
    /// `chunks` or `query_performance` (the latter only without TimescaleDB).
    public let table: String
    /// Consecutive partitions after the one holding now.
    public let ahead: Int
    /// How many the settings ask maintenance to make ahead.
    public let premake: Int

    public init(table: String, ahead: Int, premake: Int) {
        self.table = table
        self.ahead = ahead
        self.premake = premake
    }
}
