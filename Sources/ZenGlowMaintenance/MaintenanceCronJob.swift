import Logging
import PostgresNIO
import ZenGlowDB

/// The pg_cron job `zenglow maintain schedule` registers: one per ZenGlow database, named
/// `zenglow-maintenance:<database>`, running `zenglow.run_maintenance(p_scheduler => 'pg_cron')` in
/// that database as the login that scheduled it. pg_cron's tables live in one database of the
/// server (`cron.database_name`), so the job is made there with `cron.schedule_in_database`.
public struct MaintenanceCronJob: Sendable, Equatable {
    public static let command = "select zenglow.run_maintenance(p_scheduler => 'pg_cron')"

    public static func name(database: String) -> String { "zenglow-maintenance:\(database)" }

    public let jobID: Int64
    public let name: String
    public let schedule: String
    /// The database pg_cron keeps its jobs in.
    public let cronDatabase: String

    /// What `register` did.
    public enum Change: String, Sendable { case created, updated }

    /// Creates the job, or updates its schedule when it exists (never a second one).
    public static func register(
        schedule: String, database: DatabaseURL, logger: Logger
    ) async throws -> (job: MaintenanceCronJob, change: Change) {
        let cronDatabase = try await locateCron(database: database, logger: logger)
        let name = name(database: database.database)
        return try await database.with(database: cronDatabase).withConnection(
            applicationName: "zenglow-maintain-schedule", logger: logger
        ) { connection in
            try await ensureExtension(connection, cronDatabase: cronDatabase, logger: logger)
            let existing = try await jobs(connection, name: name, logger: logger)
            do {
                if let job = existing.first {
                    _ = try await connection.query(
                        "select cron.alter_job(\(job.jobID), schedule => \(schedule), command => \(command), database => \(database.database), active => true)",
                        logger: logger
                    ).collect()
                } else {
                    _ = try await connection.query(
                        "select cron.schedule_in_database(\(name), \(schedule), \(command), \(database.database))",
                        logger: logger
                    ).collect()
                }
            } catch let error as PSQLError {
                throw explained(error, cronDatabase: cronDatabase, user: database.user, schedule: schedule)
            }
            guard let job = try await jobs(connection, name: name, logger: logger).first else {
                throw MaintenanceError(
                    "pg_cron accepted the job \(name) but does not list it in \(cronDatabase).cron.job")
            }
            return (
                MaintenanceCronJob(jobID: job.jobID, name: name, schedule: job.schedule, cronDatabase: cronDatabase),
                existing.isEmpty ? .created : .updated
            )
        }
    }

    /// Removes the job; nil when there was none.
    public static func remove(database: DatabaseURL, logger: Logger) async throws -> MaintenanceCronJob? {
        let cronDatabase = try await locateCron(database: database, logger: logger)
        let name = name(database: database.database)
        return try await database.with(database: cronDatabase).withConnection(
            applicationName: "zenglow-maintain-schedule", logger: logger
        ) { connection in
            guard try await extensionExists(connection, logger: logger) else { return nil }
            let existing = try await jobs(connection, name: name, logger: logger)
            for job in existing {
                _ = try await connection.query("select cron.unschedule(\(job.jobID))", logger: logger).collect()
            }
            return existing.first.map {
                MaintenanceCronJob(jobID: $0.jobID, name: name, schedule: $0.schedule, cronDatabase: cronDatabase)
            }
        }
    }

    /// The job of `database`, when pg_cron runs and has one; nil otherwise (for `migrate status`).
    public static func find(database: DatabaseURL, logger: Logger) async throws -> MaintenanceCronJob? {
        let cronDatabase = try await locateCron(database: database, logger: logger)
        let name = name(database: database.database)
        return try await database.with(database: cronDatabase).withConnection(
            applicationName: "zenglow-maintain-schedule", logger: logger
        ) { connection in
            guard try await extensionExists(connection, logger: logger) else { return nil }
            return try await jobs(connection, name: name, logger: logger).first.map {
                MaintenanceCronJob(jobID: $0.jobID, name: name, schedule: $0.schedule, cronDatabase: cronDatabase)
            }
        }
    }

    /// The database pg_cron's launcher works in (cron.database_name), seen from `database`;
    /// refuses, naming the fix, when pg_cron is not installed or not preloaded.
    static func locateCron(database: DatabaseURL, logger: Logger) async throws -> String {
        try await database.withConnection(applicationName: "zenglow-maintain-schedule", logger: logger) { connection in
            let installed = try await connection.query(
                "select exists (select from pg_available_extensions where name = 'pg_cron')", logger: logger)
            for try await exists in installed.decode(Bool.self) where !exists {
                throw MaintenanceError(
                    "pg_cron is not installed on this PostgreSQL server: install it (Debian: apt-get install "
                        + "postgresql-15-cron), add pg_cron to shared_preload_libraries, set cron.database_name and restart "
                        + "PostgreSQL (docs/maintenance.md); or run `zenglow maintain run --every 60s` instead")
            }
            // The launcher process is visible to every login (by its application_name where
            // backend_type is hidden); shared_preload_libraries is not.
            let launcher = try await connection.query(
                PostgresQuery(
                    unsafeSQL: "select datname from pg_stat_activity where backend_type = 'pg_cron launcher' "
                        + "or (backend_type is null and application_name = 'pg_cron scheduler') limit 1"),
                logger: logger)
            for try await name in launcher.decode(String?.self) {
                if let name { return name }
            }
            throw MaintenanceError(
                "pg_cron is installed but not running: add pg_cron to shared_preload_libraries (and set "
                    + "cron.database_name, the database its jobs live in) in postgresql.conf and restart PostgreSQL "
                    + "(docs/maintenance.md); or run `zenglow maintain run --every 60s` instead")
        }
    }

    static func extensionExists(_ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query(
            "select exists (select from pg_extension where extname = 'pg_cron')", logger: logger)
        for try await exists in rows.decode(Bool.self) { return exists }
        return false
    }

    static func ensureExtension(_ connection: PostgresConnection, cronDatabase: String, logger: Logger) async throws {
        if try await extensionExists(connection, logger: logger) { return }
        do {
            _ = try await connection.query("create extension if not exists pg_cron", logger: logger).collect()
        } catch let error as PSQLError {
            // Another `maintain schedule` (for another database) created it at the same moment:
            // `if not exists` does not cover a concurrent create.
            if error.serverInfo?[.sqlState] == "23505", (try? await extensionExists(connection, logger: logger)) == true
            {
                return
            }
            throw MaintenanceError(
                "cannot create the pg_cron extension in database \(cronDatabase) (cron.database_name): "
                    + "\(error.serverInfo?[.message] ?? String(reflecting: error)); as a superuser run "
                    + "`create extension pg_cron` there (docs/maintenance.md)")
        }
    }

    static func jobs(
        _ connection: PostgresConnection, name: String, logger: Logger
    ) async throws -> [(jobID: Int64, schedule: String)] {
        let rows = try await connection.query(
            "select jobid, schedule from cron.job where jobname = \(name) order by jobid", logger: logger)
        var jobs: [(jobID: Int64, schedule: String)] = []
        for try await (id, schedule) in rows.decode((Int64, String).self) { jobs.append((id, schedule)) }
        return jobs
    }

    static func explained(_ error: PSQLError, cronDatabase: String, user: String, schedule: String) -> MaintenanceError
    {
        let message = error.serverInfo?[.message] ?? String(reflecting: error)
        if error.serverInfo?[.sqlState] == "42501" {
            return MaintenanceError(
                "pg_cron refused \(user): \(message); run `zenglow maintain schedule` as a superuser, or as a superuser "
                    + "grant usage on schema cron and execute on function cron.schedule_in_database to \(user) in "
                    + "database \(cronDatabase) (docs/maintenance.md)")
        }
        if message.contains("invalid schedule") {
            return MaintenanceError("pg_cron does not accept the schedule \"\(schedule)\": \(message)")
        }
        return MaintenanceError("pg_cron refused the job: \(message)")
    }
}
