import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs a statement whose rows are not wanted, reading them all. postgres-nio reports an error
    /// raised while a statement executes (a function's RAISE inside a SELECT) only to whoever
    /// reads its rows: a statement whose rows were dropped unread would lose its error, and the
    /// next statement would fail instead with "current transaction is aborted".
    public func execute(_ query: PostgresQuery, logger: Logger) async throws {
        let rows = try await self.query(query, logger: logger)
        for try await _ in rows {}
    }
}
