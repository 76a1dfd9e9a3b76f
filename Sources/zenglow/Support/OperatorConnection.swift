import Logging
import PostgresNIO
import ZenGlowDB

/// A connection for an operator's command (keys, tenants, dev seed): DATABASE_URL, else the
/// embedded database, closed when `body` returns.
enum OperatorConnection {
    static func with<Result: Sendable>(
        _ name: String, _ body: (PostgresConnection, Logger) async throws -> Result
    ) async throws -> Result {
        var logger = Logger(label: "zenglow.\(name)")
        logger.logLevel = .warning
        let url = try EmbeddedDefaults.database().url
        return try await url.withConnection(applicationName: "zenglow-\(name)", logger: logger) {
            try await body($0, logger)
        }
    }
}
