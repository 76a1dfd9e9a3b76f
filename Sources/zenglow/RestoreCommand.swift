import ArgumentParser
import Foundation
import ZenGlowBackup

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into a new database and verify it against its manifest.",
        discussion: """
            FILE is a dump written by `zenglow backup` (or its .manifest.json). Connects to the server of \
            DATABASE_URL, else the embedded one, as a superuser. Checks the dump's sha256 against the manifest and \
            that DBNAME does not exist before creating anything; then creates DBNAME, restores (with TimescaleDB's \
            pre/post restore steps), gives it a new installation id and checks row counts, schema version, audit \
            chain heads and verify_chain() against the manifest. \
            Exit codes: 0 restored and verified; 1 the restore failed (a created database is left for \
            inspection); 2 invalid configuration or pg_restore not found; 3 refused, nothing created (no \
            manifest, the dump does not match it, DBNAME exists, roles missing); 4 restored but it differs from \
            the manifest (left for inspection). See docs/backups.md.
            """
    )

    @Argument(help: "The backup's dump file.")
    var file: String

    @Option(help: "The new database to create and restore into.")
    var into: String

    @Flag(help: "Print the report as JSON (phase lines then go to standard error).")
    var json = false

    func run() async throws {
        let json = json
        let report = try await BackupCommand.reporting("restore") {
            let environment = ProcessInfo.processInfo.environment
            return try await DatabaseRestore(
                server: try EmbeddedDefaults.database().url, files: BackupFiles(path: file), target: into,
                tools: try PostgresTools.locate(
                    explicit: environment["ZENGLOW_POSTGRES_BIN"], environment: environment),
                logger: BackupCommand.logger("restore")
            ).run { phase in BackupCommand.progress(phase.line, json: json) }
        }
        if json { print(try JSONOutput.text(report)) }
        guard report.verified else {
            let lines =
                report.differences.map { "zenglow restore: \($0)" } + [
                    "zenglow restore: \(report.differences.count) differences; database \(report.database) was "
                        + "left as it is, for inspection (drop it with `dropdb \(report.database)`)"
                ]
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            throw ExitCode(4)
        }
        if !json {
            print("restored \(report.dumpFile) into \(report.database) and verified it against the manifest")
        }
    }
}
