import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import ZenGlowMaintenance

/// `zenglow maintain run --every 60s`: the maintainer service; SIGTERM or Ctrl-C lets the run in
/// progress finish, then exits 0.
struct MaintainRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run maintenance now and then every interval, until SIGTERM or Ctrl-C.",
        discussion: """
            Connects with DATABASE_URL, else the embedded database (the owner or a superuser), once per run. Prints \
            one line per run on standard output and logs JSON lines on standard error (LOG_LEVEL). Runs record \
            scheduler 'service'. Metrics on http://MAINTAIN_METRICS_HOST:MAINTAIN_METRICS_PORT/metrics \
            (127.0.0.1:9466; port 0: none). SIGTERM lets the run in progress finish, then exits 0.
            """
    )

    @Option(
        name: .long, parsing: .unconditional,
        help: "How often: a positive whole number of seconds, minutes or hours (30s, 60s, 1m, 1h).")
    var every: String

    func validate() throws {
        do {
            _ = try MaintenanceInterval(parsing: every)
        } catch {
            throw ValidationError("--every: \(error.message)")
        }
    }

    func run() async throws {
        try await CommandFailure.reporting("maintain run") {
            let interval = try MaintenanceInterval(parsing: every)
            let settings = try MaintainerSettings(environment: ProcessInfo.processInfo.environment)
            let database = try EmbeddedDefaults.database().url
            let logger = SpoolLogging.logger(label: "zenglow.maintain")
            let metrics = MaintenanceMetrics()
            var services: [any Service] = [
                MaintenanceService(
                    interval: interval, database: database, metrics: metrics, logger: logger,
                    // Unbuffered: a journal or a pipe sees each run's line when it happens.
                    report: { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) })
            ]
            if settings.metricsPort > 0 {
                services.append(
                    MaintenanceMetricsServer(
                        host: settings.metricsHost, port: settings.metricsPort, metrics: metrics, logger: logger))
            }
            logger.info(
                "maintainer started",
                metadata: ["zg.every": "\(interval)", "zg.database": "\(database.redacted)"])
            let group = ServiceGroup(
                configuration: .init(
                    services: services.map { .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup) },
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }
}
