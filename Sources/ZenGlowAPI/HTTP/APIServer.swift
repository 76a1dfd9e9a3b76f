import Logging
import ServiceLifecycle

/// `zenglow serve`: JSON logs, the application, until SIGTERM or SIGINT, which drain in-flight
/// requests before the process ends.
public enum APIServer {
    /// `observability` makes the services that must outlive the application (the trace exporter),
    /// once logging is bootstrapped, with the API's logger; they start first and stop last.
    public static func run(
        configuration: APIConfiguration, observability: (Logger) throws -> [any Service] = { _ in [] }
    ) async throws {
        let level = Logger.Level(rawValue: configuration.logLevel.lowercased()) ?? .info
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        let logger = Logger(label: "zenglow.api")
        let api = try buildApplication(
            configuration: configuration, logger: logger, observability: try observability(logger))
        try await api.startupCheck(logger: logger)
        logger.info(
            "serving",
            metadata: [
                "zg.address": "\(configuration.host):\(configuration.port)", "zg.profile": "\(configuration.profile)",
                "zg.database": "\(configuration.database.url.redacted)",
            ])
        try await api.application.runService()
    }
}
