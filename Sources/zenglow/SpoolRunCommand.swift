import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import ZenGlowSpool
import ZenGlowTracing

/// `zenglow spool run`: the long-running worker — watches incoming/, runs when the thresholds say,
/// delivers gate notifications, serves its metrics; SIGTERM or Ctrl-C finishes the file in hand.
struct SpoolRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch SPOOL_DIR/incoming and process files as they come (until SIGTERM or Ctrl-C).",
        discussion: """
            A run opens when SPOOL_MIN_FILES files are ready or the oldest has waited SPOOL_MAX_WAIT seconds; \
            it drains what is there. Metrics on http://SPOOL_METRICS_HOST:SPOOL_METRICS_PORT/metrics (0: none).
            """
    )

    @OptionGroup var options: SpoolOptions

    @Flag(help: "Validate and report what a run would do over the files ready now; then exit, changing nothing.")
    var dryRun = false

    func run() async throws {
        try await CommandFailure.reporting("spool run") {
            let configuration = try await SpoolSettings.load(options)
            try configuration.directory.check()
            if dryRun {
                var process = SpoolProcessCommand()
                process.options = options
                process.dryRun = true
                try await process.run()
                return
            }
            let logger = SpoolLogging.logger(label: "zenglow.spool")
            let runner = try SpoolSettings.runner(configuration, logger: logger)
            let (gate, metrics) = (runner.gate, runner.metrics)
            // The trace exporter first, so that it stops last and flushes the final run's spans.
            var services: [any Service] =
                try TracingBootstrap.bootstrap(serviceName: "zenglow-spool", logger: logger).map { [$0] } ?? []
            services += [SpoolWorker(runner: runner, logger: logger), GateDeliveryService(gate: gate)]
            if configuration.metricsPort > 0 {
                services.append(
                    SpoolMetricsServer(
                        host: configuration.metricsHost, port: configuration.metricsPort, metrics: metrics,
                        logger: logger))
            }
            let group = ServiceGroup(
                configuration: .init(
                    services: services.map { .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup) },
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
            await gate.shutdown()
        }
    }
}

/// The gate's outbox delivery loop as a service of the worker's group.
struct GateDeliveryService: Service {
    let gate: GateNotifier

    func run() async throws {
        await cancelWhenGracefulShutdown { await gate.deliverPending() }
    }
}
