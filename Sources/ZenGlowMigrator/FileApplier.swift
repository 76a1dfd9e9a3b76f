import Foundation
import PostgresNIO
import ZenGlowDB

/// Runs one file's statements: all in one transaction with its history row, or, for
/// `no-transaction` files, one by one, recording how far a failure got.
struct FileApplier {
    let store: HistoryStore
    let options: MigratorOptions
    let progress: @Sendable (MigrationEvent) -> Void

    private var lockTimeout: String { "\(Migrator.milliseconds(options.lockTimeout))ms" }

    /// Applies `file` and returns how long it took in milliseconds.
    func apply(_ file: MigrationFile, resumingAfter resumeAfter: Int = 0) async throws -> Int {
        if file.transactional { return try await applyInTransaction(file) }
        return try await applyStatementByStatement(file, resumingAfter: resumeAfter)
    }

    private func applyInTransaction(_ file: MigrationFile) async throws -> Int {
        var attempt = 0
        while true {
            let clock = ContinuousClock()
            let started = clock.now
            try await execute("begin")
            do {
                try await execute("set local lock_timeout = '\(lockTimeout)'")
                // Repeatable files define functions in path order; their bodies are checked when called.
                if file.kind == .repeatable { try await execute("set local check_function_bodies = off") }
                for (index, statement) in file.statements.enumerated() {
                    do {
                        try await execute(statement.text)
                    } catch {
                        throw StatementFailure(index: index, error: DatabaseError(error))
                    }
                }
                let milliseconds = Migrator.milliseconds(clock.now - started)
                try await store.record(
                    file,
                    status: .applied,
                    statementsApplied: file.statements.count,
                    durationMilliseconds: milliseconds
                )
                try await execute("commit")
                return milliseconds
            } catch let failure as StatementFailure {
                try? await execute("rollback")
                // The whole file was rolled back, so running it again is running it for the first time.
                if let reason = MigrationRetryReason(failure.error, transactional: true), attempt < options.lockRetries
                {
                    attempt += 1
                    try await backOff(file, attempt: attempt, reason: reason)
                    continue
                }
                throw failed(file, failure, statementsApplied: 0)
            } catch {
                try? await execute("rollback")
                throw error
            }
        }
    }

    private func applyStatementByStatement(_ file: MigrationFile, resumingAfter resumeAfter: Int) async throws -> Int {
        let clock = ContinuousClock()
        let started = clock.now
        try await execute("set lock_timeout = '\(lockTimeout)'")
        for (index, statement) in file.statements.enumerated() where index >= resumeAfter {
            var attempt = 0
            while true {
                do {
                    try await execute(statement.text)
                    break
                } catch {
                    let databaseError = DatabaseError(error)
                    if let reason = MigrationRetryReason(databaseError, transactional: false),
                        attempt < options.lockRetries
                    {
                        attempt += 1
                        try await backOff(file, attempt: attempt, reason: reason)
                        continue
                    }
                    let failure = StatementFailure(index: index, error: databaseError)
                    try? await execute("reset lock_timeout")
                    try? await store.record(
                        file,
                        status: .failed,
                        statementsApplied: index,
                        durationMilliseconds: Migrator.milliseconds(clock.now - started),
                        error: databaseError.description
                    )
                    throw failed(file, failure, statementsApplied: index)
                }
            }
        }
        try await execute("reset lock_timeout")
        let milliseconds = Migrator.milliseconds(clock.now - started)
        try await store.record(
            file,
            status: .applied,
            statementsApplied: file.statements.count,
            durationMilliseconds: milliseconds
        )
        return milliseconds
    }

    private func backOff(_ file: MigrationFile, attempt: Int, reason: MigrationRetryReason) async throws {
        let pause = 250 * (1 << (attempt - 1))
        progress(.retrying(file, attempt: attempt, afterMilliseconds: pause, reason: reason))
        try await Task.sleep(for: .milliseconds(pause))
    }

    private func failed(_ file: MigrationFile, _ failure: StatementFailure, statementsApplied: Int) -> MigratorError {
        let statement = file.statements[failure.index]
        let offsetInStatement = (failure.error.server?.position ?? 1) - 1
        let position = file.source.lineAndColumn(ofScalarOffset: statement.offset + offsetInStatement)
        let fileFailure = FileFailure(
            path: file.path,
            line: position.line,
            column: position.column,
            statement: failure.index + 1,
            statementsApplied: statementsApplied,
            sqlState: failure.error.server?.sqlState,
            serverMessage: failure.error.server?.message ?? failure.error.message,
            detail: failure.error.server?.detail,
            hint: failure.error.server?.hint
        )
        var message = fileFailure.rendered
        if file.transactional {
            message += "\n  nothing of \(file.path) was applied (its transaction was rolled back)"
        } else {
            message +=
                "\n  statement \(failure.index + 1) of \(file.statements.count) failed; "
                + (statementsApplied == 0
                    ? "no statement of this no-transaction file ran"
                    : statementsApplied == 1
                        ? "statement 1 ran and stays applied"
                        : "statements 1–\(statementsApplied) ran and stay applied")
        }
        return MigratorError(.failed, message, failure: fileFailure)
    }

    private func execute(_ sql: String) async throws {
        try await store.connection.execute(PostgresQuery(unsafeSQL: sql), logger: store.logger)
    }
}

/// A statement of a file failed; `index` is 0-based.
struct StatementFailure: Error {
    let index: Int
    let error: DatabaseError
}
