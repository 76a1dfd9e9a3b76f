import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import ZenGlowDB

/// `zenglow maintain run --every`: runs `zenglow.run_maintenance('service')` at once and then on
/// every tick of `interval` (a tick missed by a long run is skipped, not queued), records each
/// run in `metrics`, and hands its one-line summary to `report`. Graceful shutdown (SIGTERM,
/// Ctrl-C) ends the wait between runs at once but never a run in progress: the run finishes, is
/// recorded, and the service returns.
public struct MaintenanceService: Service {
    let interval: MaintenanceInterval
    let database: DatabaseURL
    let metrics: MaintenanceMetrics
    let logger: Logger
    let report: @Sendable (String) -> Void

    public init(
        interval: MaintenanceInterval, database: DatabaseURL, metrics: MaintenanceMetrics, logger: Logger,
        report: @escaping @Sendable (String) -> Void
    ) {
        self.interval = interval
        self.database = database
        self.metrics = metrics
        self.logger = logger
        self.report = report
    }

    public func run() async throws {
        let clock = ContinuousClock()
        var next = clock.now
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await runOnce()
            next += interval.duration
            while next <= clock.now { next += interval.duration }
            // Only the wait is cut short by shutdown; `runOnce` above is not.
            let deadline = next
            try? await cancelWhenGracefulShutdown { try await Task.sleep(until: deadline, clock: clock) }
        }
        logger.info("maintainer stopped")
    }

    /// One run, its metrics and its line; a failure to call it is reported, never thrown, so the
    /// next tick tries again (the server restarting, a network blip).
    func runOnce() async {
        let started = ContinuousClock.now
        do {
            let (run, ahead, backup) = try await database.withConnection(
                applicationName: "zenglow-maintain", logger: logger
            ) { connection in
                let run = try await connection.runMaintenance(
                    scheduler: MaintenanceScheduler.service.rawValue, logger: logger)
                return (
                    run, try await connection.maintenancePartitionsAhead(logger: logger),
                    try await connection.lastSuccessfulBackup(logger: logger)
                )
            }
            metrics.recorded(run, duration: ContinuousClock.now - started)
            metrics.partitionsAhead(ahead)
            metrics.lastBackup(backup)
            report(run.summary)
            let metadata: Logger.Metadata = [
                "zg.run_id": "\(run.runID)", "zg.outcome": "\(run.outcome)", "zg.scheduler": "\(run.scheduler)",
                "zg.created": "\(run.created.count)", "zg.dropped": "\(run.dropped.count)",
                "zg.healed": "\(run.healed.count)", "zg.analyzed": "\(run.analyzed.count)",
                "zg.duration_ms": "\(run.durationMilliseconds ?? 0)",
            ]
            if run.failed {
                logger.error("maintenance run failed: \(run.error ?? "no error recorded")", metadata: metadata)
            } else {
                logger.info("maintenance run", metadata: metadata)
            }
        } catch {
            metrics.failed(duration: ContinuousClock.now - started)
            let message = "maintenance could not run (\(database.redacted)): \(String(reflecting: error))"
            report("maintenance other_error: \(message)")
            logger.error("\(message)", metadata: ["zg.outcome": "other_error"])
        }
    }
}
