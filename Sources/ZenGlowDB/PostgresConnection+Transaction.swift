import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs `body` between BEGIN and COMMIT, rolling back when it throws. Unlike postgres-nio's
    /// `withTransaction`, the error `body` threw is rethrown as it was (not wrapped), so callers
    /// keep mapping SQLSTATEs to their own errors.
    public func inTransaction<Result>(
        logger: Logger,
        _ body: () async throws -> Result
    ) async throws -> Result {
        try await query("begin", logger: logger)
        do {
            let result = try await body()
            try await query("commit", logger: logger)
            return result
        } catch {
            _ = try? await query("rollback", logger: logger)
            throw error
        }
    }
}
