import Foundation
import Logging
import ZenGlowDB

/// Runs one `zenglow migrate` command for a terminal or CI: reads the configuration, runs, prints
/// text or JSON, and returns the process exit code (0 ok, 1 failed, 2 refused, 3 lock not obtained,
/// 4 drift found).
public struct MigrationConsole: Sendable {
    /// Options shared by every migrate command.
    public struct Settings: Sendable {
        /// The folder holding `migrations/`, `sql/` and `timescale/`.
        public var root: String
        public var json: Bool
        public var migrator: MigratorOptions
        /// Resolves the database (DATABASE_URL, else the command layer's embedded default); a
        /// failure is reported like any other invalid input.
        public var database: @Sendable () throws -> DatabaseConfiguration

        public init(
            root: String, json: Bool, migrator: MigratorOptions = .init(),
            database: @escaping @Sendable () throws -> DatabaseConfiguration
        ) {
            self.root = root
            self.json = json
            self.migrator = migrator
            self.database = database
        }
    }

    let settings: Settings

    public init(_ settings: Settings) {
        self.settings = settings
    }

    public func up(_ plan: PlanOptions, dryRun: Bool) async -> Int32 {
        if dryRun { return await self.plan(plan) }
        var database = "?"
        do {
            let migrator = try makeMigrator()
            database = migrator.database.redacted
            let json = settings.json
            if !json { print("migrating \(database)") }
            let run = try await migrator.up(plan) { event in
                let line = MigratorReport.progressLine(event)
                if json { FileHandle.standardError.write(Data((line + "\n").utf8)) } else { print(line) }
            }
            print(json ? try MigratorReport.upJSON(run, error: nil, database: database) : MigratorReport.upSummary(run))
            return 0
        } catch {
            let failure = Self.migratorError(error)
            if settings.json, let text = try? MigratorReport.upJSON(nil, error: failure, database: database) {
                print(text)
            } else {
                Self.printError(failure.message)
            }
            return failure.code.exitCode
        }
    }

    public func plan(_ options: PlanOptions) async -> Int32 {
        await report { migrator in
            let plan = try await migrator.plan(options)
            let text =
                settings.json
                ? try MigratorReport.planJSON(plan, database: migrator.database.redacted)
                : MigratorReport.planText(plan, database: migrator.database.redacted)
            return (text, plan.refusals.isEmpty ? 0 : MigratorError.Code.refused.exitCode)
        }
    }

    public func status() async -> Int32 {
        await report { migrator in
            let status = try await migrator.status()
            return (settings.json ? try MigratorReport.statusJSON(status) : MigratorReport.statusText(status), 0)
        }
    }

    public func verify() async -> Int32 {
        await report { migrator in
            let findings = try await migrator.verify()
            let text = settings.json ? try MigratorReport.verifyJSON(findings) : MigratorReport.verifyText(findings)
            return (text, findings.isEmpty ? 0 : MigratorError.Code.driftFound.exitCode)
        }
    }

    public func baseline(_ version: Int) async -> Int32 {
        await report { migrator in
            let files = try await migrator.baseline(version)
            if settings.json {
                struct Document: Encodable {
                    let command = "baseline"
                    let version: Int
                    let recorded: [String]
                }
                return (try MigratorReport.json(Document(version: version, recorded: files.map(\.path))), 0)
            }
            return (
                (files.map { "  baseline  \($0.path)" } + ["\(files.count) file(s) recorded as applied"])
                    .joined(separator: "\n"), 0
            )
        }
    }

    public func new(_ name: String) -> Int32 {
        do {
            let path = try NewMigration.create(named: name, root: settings.root)
            print(settings.json ? "{\"command\": \"new\", \"path\": \"\(path)\"}" : "created \(path)")
            return 0
        } catch {
            let failure = Self.migratorError(error)
            Self.printError(failure.message)
            return failure.code.exitCode
        }
    }

    private func report(_ body: (Migrator) async throws -> (String, Int32)) async -> Int32 {
        do {
            let (text, code) = try await body(try makeMigrator())
            print(text)
            return code
        } catch {
            let failure = Self.migratorError(error)
            Self.printError(failure.message)
            return failure.code.exitCode
        }
    }

    private func makeMigrator() throws -> Migrator {
        var logger = Logger(label: "zenglow.migrate")
        logger.logLevel = .warning
        let database: DatabaseConfiguration
        do {
            database = try settings.database()
        } catch {
            throw MigratorError(.invalidInput, "\(error)")
        }
        return Migrator(
            source: try MigrationSource(root: settings.root),
            database: database.url,
            options: settings.migrator,
            logger: logger
        )
    }

    private static func migratorError(_ error: any Error) -> MigratorError {
        (error as? MigratorError) ?? MigratorError(.failed, "\(error)")
    }

    private static func printError(_ message: String) {
        FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
    }
}
