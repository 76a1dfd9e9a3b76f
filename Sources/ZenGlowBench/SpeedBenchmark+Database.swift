import Foundation
import PostgresNIO
import ZenGlowDB
import ZenGlowEmbedded

extension SpeedBenchmark {
    func psql(_ url: DatabaseURL, _ arguments: [String]) -> ShellCommand {
        ShellCommand(
            options.binDirectory + "/psql",
            ["-X", "-q", "-v", "ON_ERROR_STOP=1"] + connectionArguments(url) + arguments)
    }

    func connectionArguments(_ url: DatabaseURL, user: String? = nil) -> [String] {
        [
            "-h", url.socketDirectory ?? url.host ?? "127.0.0.1", "-p", "\(url.port)", "-U", user ?? url.user, "-d",
            url.database,
        ]
    }

    func admin(_ sql: String) async throws {
        try await withDatabase(options.server) { connection in
            try await connection.execute(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }

    /// The first column of the first row of `sql`, as text ("" without rows).
    func value(_ sql: String, _ url: DatabaseURL) async throws -> String {
        try await withDatabase(url) { connection in
            for try await text in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(
                String?.self)
            {
                return text ?? ""
            }
            return ""
        }
    }

    func withDatabase<T: Sendable>(
        _ url: DatabaseURL,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await url.withConnection(applicationName: "zenglow bench", logger: logger, body)
    }
}
