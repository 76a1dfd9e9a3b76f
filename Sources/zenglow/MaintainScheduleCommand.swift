import ArgumentParser
import Foundation
import Logging
import ZenGlowMaintenance

/// `zenglow maintain schedule`: maintenance as a pg_cron job instead of a service.
struct MaintainScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Register (or update, or --remove) this database's maintenance job in pg_cron.",
        discussion: """
            Needs pg_cron preloaded in the server (shared_preload_libraries; cron.database_name names the database \
            its jobs live in). The job, zenglow-maintenance:<database>, runs \
            `select zenglow.run_maintenance(p_scheduler => 'pg_cron')` in the DATABASE_URL database (else the \
            embedded one) as its login. A second call updates the job's schedule; it never makes a second job.
            """
    )

    @Option(
        name: .long, parsing: .unconditional,
        help: "How often: minutes dividing an hour, hours dividing a day (default 1m).")
    var every: String?

    @Option(name: .long, help: "A cron expression instead of --every, e.g. '*/5 * * * *'.")
    var cron: String?

    @Flag(help: "Remove the job instead.")
    var remove = false

    func validate() throws {
        if every != nil && cron != nil { throw ValidationError("give --every or --cron, not both") }
        if remove && (every != nil || cron != nil) { throw ValidationError("--remove takes no --every or --cron") }
        if let cron, cron.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--cron: the cron expression is empty, e.g. '*/5 * * * *'")
        }
        if let every {
            do {
                _ = try MaintenanceInterval(parsing: every).cronSchedule()
            } catch {
                throw ValidationError("--every: \(error.message)")
            }
        }
    }

    func run() async throws {
        try await CommandFailure.reporting("maintain schedule") {
            var logger = Logger(label: "zenglow.maintain")
            logger.logLevel = .warning
            let database = try EmbeddedDefaults.database().url
            if remove {
                if let job = try await MaintenanceCronJob.remove(database: database, logger: logger) {
                    print("removed pg_cron job \(job.name) (job \(job.jobID), in database \(job.cronDatabase))")
                } else {
                    print("no pg_cron job \(MaintenanceCronJob.name(database: database.database)) to remove")
                }
                return
            }
            let schedule = try cron ?? MaintenanceInterval(parsing: every ?? "1m").cronSchedule()
            let (job, change) = try await MaintenanceCronJob.register(
                schedule: schedule, database: database, logger: logger)
            print(
                "\(change.rawValue) pg_cron job \(job.name) (job \(job.jobID), in database \(job.cronDatabase)): "
                    + "'\(job.schedule)' runs \(MaintenanceCronJob.command) in \(database.database)")
        }
    }
}
