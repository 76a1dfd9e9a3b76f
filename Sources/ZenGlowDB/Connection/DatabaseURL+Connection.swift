import Logging
import PostgresNIO

extension DatabaseURL {
    /// Runs `body` on a new connection to this database and closes it afterwards, also when
    /// `body` throws.
    public func withConnection<Result: Sendable>(
        applicationName: String,
        logger: Logger,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try await PostgresConnection.connect(
            configuration: try connectionConfiguration(applicationName: applicationName), id: 1, logger: logger)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
