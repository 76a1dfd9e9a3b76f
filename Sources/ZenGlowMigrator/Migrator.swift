import Foundation
import Logging
import PostgresNIO
import ZenGlowDB

/// Applies a project's SQL files to one database: never half a file, never a file twice.
public struct Migrator: Sendable {
    public let source: MigrationSource
    public let database: DatabaseURL
    public let options: MigratorOptions
    let logger: Logger

    public init(source: MigrationSource, database: DatabaseURL, options: MigratorOptions = .init(), logger: Logger) {
        self.source = source
        self.database = database
        self.options = options
        self.logger = logger
    }

    /// What `up` would do now; reads history and capabilities, changes nothing, takes no lock.
    public func plan(_ planOptions: PlanOptions = .init()) async throws -> MigrationPlan {
        try await withStore { store in
            Planner.plan(
                source: source,
                history: try await store.read(),
                capabilities: try await store.capabilities(),
                options: planOptions
            )
        }
    }

    /// The history and the server's capabilities.
    public func inspect() async throws -> (history: [HistoryEntry], capabilities: ServerCapabilities) {
        try await withStore { store in (try await store.read().entries, try await store.capabilities()) }
    }

    /// Applies everything pending under the lock. Refusals stop the run before any SQL.
    public func up(
        _ planOptions: PlanOptions = .init(),
        progress: @escaping @Sendable (MigrationEvent) -> Void = { _ in }
    ) async throws -> MigrationRun {
        let clock = ContinuousClock()
        let started = clock.now
        return try await withLockedStore(progress: progress) { store in
            try await store.install()
            let plan = Planner.plan(
                source: source,
                history: try await store.read(),
                capabilities: try await store.capabilities(),
                options: planOptions
            )
            if !plan.refusals.isEmpty {
                throw MigratorError(
                    .refused,
                    "refused before running anything:\n" + plan.refusals.map { "  \($0)" }.joined(separator: "\n"),
                    refusals: plan.refusals
                )
            }
            var applied: [(file: MigrationFile, action: MigrationPlan.Step.Action, milliseconds: Int)] = []
            for step in plan.steps {
                guard step.action != .skip else {
                    progress(.skipped(step.file, reason: step.reason ?? ""))
                    continue
                }
                let milliseconds = try await FileApplier(store: store, options: options, progress: progress)
                    .apply(step.file, resumingAfter: step.resumeAfter)
                applied.append((step.file, step.action, milliseconds))
                progress(.applied(step.file, action: step.action, milliseconds: milliseconds))
            }
            return MigrationRun(
                plan: plan,
                applied: applied,
                skipped: plan.steps.filter { $0.action == .skip },
                milliseconds: Self.milliseconds(clock.now - started)
            )
        }
    }

    /// Records versions up to `version` as applied without running them, to adopt an existing database.
    public func baseline(_ version: Int) async throws -> [MigrationFile] {
        try await withLockedStore(progress: { _ in }) { store in
            try await store.install()
            let history = try await store.read()
            if let highest = history.highestVersion {
                throw MigratorError(
                    .refused,
                    "the database already has migration history (up to \(String(format: "%04d", highest))); "
                        + "baseline is for adopting a database that has none"
                )
            }
            let files = source.files.filter { $0.kind == .versioned && ($0.version ?? 0) <= version }
            for file in files {
                try await store.record(file, status: .baseline, statementsApplied: 0, durationMilliseconds: 0)
            }
            return files
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    private func withStore<Result: Sendable>(_ body: (HistoryStore) async throws -> Result) async throws -> Result {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: try database.connectionConfiguration(applicationName: "zenglow migrate"),
                id: 1,
                logger: logger
            )
        } catch {
            let reason = DatabaseError(error)
            throw MigratorError(.failed, "cannot connect to \(database.redacted): \(reason)")
        }
        do {
            let result = try await body(HistoryStore(connection: connection, logger: logger))
            try? await connection.close()
            return result
        } catch let error as MigratorError {
            try? await connection.close()
            throw error
        } catch {
            try? await connection.close()
            throw MigratorError(.failed, "database error: \(DatabaseError(error))")
        }
    }

    private func withLockedStore<Result: Sendable>(
        progress: @escaping @Sendable (MigrationEvent) -> Void,
        _ body: (HistoryStore) async throws -> Result
    ) async throws -> Result {
        try await withStore { store in
            try await store.watchClient()
            if !(try await store.lock(waitingAtMost: .zero)) {
                progress(.waitingForLock)
                guard try await store.lock(waitingAtMost: options.lockWait) else {
                    throw MigratorError(
                        .lockNotObtained,
                        "another migrator held the lock on \(database.redacted) for longer than --lock-wait "
                            + "(\(options.lockWait)); retry later or raise --lock-wait"
                    )
                }
            }
            // The session lock ends with the connection, so a killed migrator never leaves it
            // behind; but a refused or failed run unlocks explicitly too, before its error
            // returns: closing a connection does not wait for the server to end the session (a
            // loaded CI server kept a refused run's lock past the next run's 60 s wait), and a
            // pooler in session mode would keep the session, and the lock, alive.
            let result: Result
            do {
                result = try await body(store)
            } catch {
                try? await store.unlock()
                throw error
            }
            try await store.unlock()
            return result
        }
    }
}
