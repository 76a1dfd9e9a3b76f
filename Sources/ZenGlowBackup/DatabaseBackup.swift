import Foundation
import Logging
import PostgresNIO
import ZenGlowDB

/// `zenglow backup`: one pg_dump of a ZenGlow database with its manifest, recorded in
/// `zenglow.backup_runs` (success or failure), then the older backups beyond `keep` removed.
public struct DatabaseBackup: Sendable {
    public let url: DatabaseURL
    public let configuration: BackupConfiguration
    public let tools: PostgresTools
    public let logger: Logger

    public init(url: DatabaseURL, configuration: BackupConfiguration, tools: PostgresTools, logger: Logger) {
        self.url = url
        self.configuration = configuration
        self.tools = tools
        self.logger = logger
    }

    /// Runs the backup; `progress` hears each phase as it ends. A failure leaves no dump and no
    /// manifest behind, is recorded as `failed` when the database can still be reached, and is
    /// thrown as a `BackupError` saying so.
    public func run(progress: @Sendable (BackupPhase) -> Void = { _ in }) async throws -> BackupReport {
        // Milliseconds, as the manifest records it, so the manifest read back equals the one returned.
        let startedAt = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
        try BackupDirectory.create(configuration.directory)
        let files = BackupFiles.new(database: url.database, at: startedAt, in: configuration.directory)
        let dumpVersion = try tools.dumpVersion()
        return try await url.withConnection(applicationName: "zenglow-backup", logger: logger) { connection in
            let manifest: BackupManifest
            var phases: [BackupPhase] = []
            do {
                manifest = try await take(files, startedAt: startedAt, dumpVersion: dumpVersion, on: connection) {
                    phases.append($0)
                    progress($0)
                }
            } catch {
                try? await connection.execute("rollback", logger: logger)
                BackupDirectory.remove([files.partialDumpPath, files.partialManifestPath])
                throw await recordFailure(error, startedAt: startedAt, files: files, on: connection)
            }
            let backupID = try await record(
                on: connection, startedAt: startedAt, outcome: "success", file: files.dumpPath,
                sizeBytes: manifest.sizeBytes, sha256: manifest.sha256, schemaVersion: manifest.schemaVersion,
                error: nil)
            let clock = PhaseClock()
            let retention = BackupRetention(directory: configuration.directory, keep: configuration.keep)
            let (kept, pruned) = try retention.prune(
                database: manifest.database, installationID: manifest.installationID, newest: files)
            let prune = BackupPhase(
                name: "prune", seconds: clock.seconds,
                detail:
                    "kept \(kept) of this database's backups (--keep \(configuration.keep)), removed \(pruned.count)"
                    + (pruned.isEmpty
                        ? "" : ": " + pruned.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", "))
            )
            phases.append(prune)
            progress(prune)
            return BackupReport(
                backupID: backupID, dumpFile: files.dumpPath, manifestFile: files.manifestPath, manifest: manifest,
                phases: phases, pruned: pruned)
        }
    }

    /// The dump in the snapshot of a transaction that then reads the manifest's counts: the
    /// manifest describes exactly the rows in the dump, however busy the database is.
    private func take(
        _ files: BackupFiles, startedAt: Date, dumpVersion: String, on connection: PostgresConnection,
        progress: (BackupPhase) -> Void
    ) async throws -> BackupManifest {
        var clock = PhaseClock()
        try await connection.execute("begin isolation level repeatable read, read only", logger: logger)
        // The transaction sits idle while pg_dump works; a server-wide idle timeout must not end it.
        try await connection.execute("set local idle_in_transaction_session_timeout = 0", logger: logger)
        try await connection.execute("set local row_security = off", logger: logger)
        var snapshot = ""
        for try await id in try await connection.query("select pg_export_snapshot()", logger: logger).decode(
            String.self)
        {
            snapshot = id
        }
        let arguments = [
            "--format=custom", "--file=\(files.partialDumpPath)", "--snapshot=\(snapshot)",
            "--lock-wait-timeout=\(configuration.lockWaitSeconds * 1000)", "--no-password",
        ]
        let outcome = try await tools.run(
            tools.pgDump, arguments, url: url, applicationName: "zenglow-backup-pg_dump")
        guard outcome.succeeded else {
            throw BackupError(
                .dumpFailed,
                "pg_dump failed (exit \(outcome.status)): "
                    + outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let (sha256, size) = try BackupFiles.sha256(of: files.partialDumpPath)
        progress(
            BackupPhase(
                name: "dump", seconds: clock.seconds,
                detail: "\(files.dumpPath) (\(size) bytes, pg_dump custom format)"))

        clock = PhaseClock()
        let state = try await connection.databaseState(logger: logger)
        try await connection.execute("commit", logger: logger)
        let manifest = BackupManifest(
            createdAt: startedAt, database: url.database, installationID: state.installationID,
            schemaVersion: state.schemaVersion, rowCounts: state.rowCounts, auditChainHeads: state.auditChainHeads,
            dumpFile: URL(fileURLWithPath: files.dumpPath).lastPathComponent, sha256: sha256, sizeBytes: size,
            pgDumpVersion: dumpVersion, serverVersion: state.serverVersion, extensions: state.extensions)
        try BackupDirectory.publish(manifest: try manifest.encoded(), files: files)
        progress(
            BackupPhase(
                name: "manifest", seconds: clock.seconds,
                detail:
                    "\(files.manifestPath): schema version \(state.schemaVersion), \(state.rowCounts.count) tables, "
                    + "\(state.rowCounts.values.reduce(0, +)) rows, \(state.auditChainHeads.count) audit chains, "
                    + "sha256 \(sha256)"))
        return manifest
    }

    /// Records a failed run and returns the error to throw, saying whether it was recorded.
    private func recordFailure(
        _ error: any Error, startedAt: Date, files: BackupFiles, on connection: PostgresConnection
    ) async -> BackupError {
        let message = Self.describe(error)
        let code = (error as? BackupError)?.code ?? .dumpFailed
        do {
            let id = try await record(
                on: connection, startedAt: startedAt, outcome: "failed", file: files.dumpPath, sizeBytes: nil,
                sha256: nil, schemaVersion: nil, error: message)
            return BackupError(
                code, message + " (no dump was kept; recorded as failed run \(id) in zenglow.backup_runs)")
        } catch {
            return BackupError(
                code,
                message + " (no dump was kept; recording the failure in zenglow.backup_runs failed too: "
                    + Self.describe(error) + ")")
        }
    }

    private func record(
        on connection: PostgresConnection, startedAt: Date, outcome: String, file: String, sizeBytes: Int64?,
        sha256: String?, schemaVersion: Int?, error: String?
    ) async throws -> Int64 {
        let rows = try await connection.query(
            """
            insert into zenglow.backup_runs (started_at, outcome, file, size_bytes, sha256, schema_version, error)
            values (\(startedAt), \(outcome), \(file), \(sizeBytes), \(sha256), \(schemaVersion.map(Int32.init)), \(error))
            returning backup_id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw DatabaseError(.server, "recording the backup in zenglow.backup_runs returned no row")
    }

    /// An error in words, with the server's SQLSTATE and message for a database error.
    static func describe(_ error: any Error) -> String {
        if let error = error as? BackupError { return error.message }
        let database = (error as? DatabaseError) ?? ((error is PSQLError) ? DatabaseError(error) : nil)
        if let database, let server = database.server {
            return "\(server.sqlState): \(server.message)" + (server.detail.map { " (\($0))" } ?? "")
        }
        return database?.message ?? "\(error)"
    }
}
