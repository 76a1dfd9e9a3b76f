import Logging

/// `zenglow serve`: JSON logs, the application, until SIGTERM or SIGINT, which drain in-flight
/// requests before the process ends.
public enum APIServer {
    public static func run(configuration: APIConfiguration) async throws {
        let level = Logger.Level(rawValue: configuration.logLevel.lowercased()) ?? .info
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        let logger = Logger(label: "zenglow.api")
        let api = try buildApplication(configuration: configuration, logger: logger)
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
