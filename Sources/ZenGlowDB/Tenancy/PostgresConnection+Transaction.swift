import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs `body` between BEGIN and COMMIT, rolling back when it throws. Unlike postgres-nio's
    /// `withTransaction`, the error `body` threw is rethrown as it was (not wrapped), so callers
    /// keep mapping SQLSTATEs to their own errors. A connection whose transaction could not be
    /// ended is closed: a pool must never hand out a connection still inside someone's transaction.
    public func inTransaction<Result>(
        logger: Logger,
        _ body: () async throws -> Result
    ) async throws -> Result {
        try await execute("begin", logger: logger)
        let result: Result
        do {
            result = try await body()
        } catch {
            do {
                try await execute("rollback", logger: logger)
            } catch {
                try? await close()
            }
            throw error
        }
        do {
            try await execute("commit", logger: logger)
        } catch {
            try? await close()
            throw error
        }
        return result
    }
}
