import ArgumentParser
import Foundation
import Logging
import ZenGlowBackup
import ZenGlowEmbedded

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up the ZenGlow database: a pg_dump (custom format) with a manifest, keeping the last N.",
        discussion: """
            Connects with DATABASE_URL, else the embedded database, as a superuser or a login with BYPASSRLS. \
            Writes <dir>/zenglow-<database>-<UTC time>.dump and .manifest.json (schema version, exact row counts, \
            audit chain heads, sha256), records the run in zenglow.backup_runs, then removes this database's \
            backups beyond --keep. BACKUP_DIR, BACKUP_KEEP and BACKUP_LOCK_WAIT_SECONDS set the defaults; \
            ZENGLOW_POSTGRES_BIN picks pg_dump's directory (else pg_config --bindir, else PATH). \
            Exit codes: 0 backed up; 1 the backup failed (no dump is left, the failure is recorded when the \
            database is reachable); 2 invalid configuration or pg_dump not found. See docs/backups.md.
            """
    )

    @Option(help: "The backup folder (default: BACKUP_DIR, else .zenglow/backups).")
    var dir: String?

    @Option(help: "How many backups of this database to keep, the new one included (default: BACKUP_KEEP, else 7).")
    var keep: Int?

    @Option(help: "Seconds pg_dump waits for a table lock before the backup fails (default 300).")
    var lockWait: Int?

    @Flag(help: "Print the report as JSON (phase lines then go to standard error).")
    var json = false

    func run() async throws {
        let json = json
        let report = try await BackupCommand.reporting("backup") {
            let environment = ProcessInfo.processInfo.environment
            let configuration = try BackupConfiguration(
                environment: environment, home: try EmbeddedConfiguration.fromEnvironment().home, directory: dir,
                keep: keep, lockWaitSeconds: lockWait)
            return try await DatabaseBackup(
                url: try EmbeddedDefaults.database().url, configuration: configuration,
                tools: try PostgresTools.locate(
                    explicit: environment["ZENGLOW_POSTGRES_BIN"], environment: environment),
                logger: BackupCommand.logger("backup")
            ).run { phase in BackupCommand.progress(phase.line, json: json) }
        }
        print(
            json
                ? try JSONOutput.text(report)
                : "backup \(report.backupID) recorded in zenglow.backup_runs: \(report.dumpFile)")
    }
}

extension BackupCommand {
    /// How `backup` and `restore` fail: a `BackupError` as one line with its own exit code
    /// (see the commands' discussions), anything else through the CLI's one error handler.
    static func reporting<Result>(_ command: String, _ body: () async throws -> Result) async throws -> Result {
        try await CommandFailure.reporting(command) {
            do {
                return try await body()
            } catch let error as BackupError {
                let line = "zenglow \(command): \(error.message)".replacingOccurrences(of: "\n", with: "; ")
                FileHandle.standardError.write(Data((line + "\n").utf8))
                throw ExitCode(error.exitCode)
            }
        }
    }

    /// A phase line: on standard output, or on standard error when standard output carries JSON.
    static func progress(_ line: String, json: Bool) {
        if json {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        } else {
            print(line)
        }
    }

    static func logger(_ name: String) -> Logger {
        var logger = Logger(label: "zenglow.\(name)")
        logger.logLevel = .warning
        return logger
    }
}
