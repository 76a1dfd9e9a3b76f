import Foundation
import Logging
import PostgresNIO
import ZenGlowDB

/// `zenglow restore`: a backup into a new database on the server of `server`, then checked
/// against its manifest. Nothing is created until the dump matches its manifest and the target
/// name is free; after that a failure leaves the new database in place for inspection.
public struct DatabaseRestore: Sendable {
    /// The roles every ZenGlow object belongs to or is granted to; cluster-wide, so a dump cannot
    /// bring them along.
    public static let roles = ["zenglow_owner", "zenglow_app", "zenglow_ingest", "zenglow_analyst"]

    public let server: DatabaseURL
    public let files: BackupFiles
    public let target: String
    public let tools: PostgresTools
    public let logger: Logger

    public init(server: DatabaseURL, files: BackupFiles, target: String, tools: PostgresTools, logger: Logger) {
        self.server = server
        self.files = files
        self.target = target
        self.tools = tools
        self.logger = logger
    }

    /// Restores and verifies; the report's `differences` list what does not match the manifest.
    public func run(progress: @Sendable (BackupPhase) -> Void = { _ in }) async throws -> RestoreReport {
        var phases: [BackupPhase] = []
        func finished(_ phase: BackupPhase) {
            phases.append(phase)
            progress(phase)
        }
        var clock = PhaseClock()
        let manifest = try await check()
        finished(
            BackupPhase(
                name: "check", seconds: clock.seconds,
                detail: "\(files.dumpPath) matches its manifest (sha256 \(manifest.sha256)); \(target) is free"))

        clock = PhaseClock()
        try await admin { connection in
            try await connection.execute(
                PostgresQuery(unsafeSQL: "create database \(target) template template0"), logger: logger)
        }
        finished(BackupPhase(name: "create", seconds: clock.seconds, detail: "created database \(target)"))

        clock = PhaseClock()
        let installationID = try await leftForInspection { try await restore(manifest) }
        finished(
            BackupPhase(
                name: "restore", seconds: clock.seconds,
                detail: "pg_restore into \(target); new installation id \(installationID)"))

        clock = PhaseClock()
        let differences = try await leftForInspection { try await verify(manifest) }
        finished(
            BackupPhase(
                name: "verify", seconds: clock.seconds,
                detail: differences.isEmpty
                    ? "row counts of \(manifest.rowCounts.count) tables, schema version \(manifest.schemaVersion), "
                        + "\(manifest.auditChainHeads.count) audit chain heads equal the manifest; verify_chain clean"
                    : "\(differences.count) differences from the manifest"))
        return RestoreReport(
            database: target, dumpFile: files.dumpPath, originalInstallationID: manifest.installationID,
            installationID: installationID, schemaVersion: manifest.schemaVersion, phases: phases,
            differences: differences)
    }

    /// Everything that must hold before anything is created.
    private func check() async throws -> BackupManifest {
        guard target.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) != nil else {
            throw BackupError(
                .invalidConfiguration,
                "--into '\(target)' is not a plain database name (lowercase letters, digits and _, at most 63)")
        }
        let manifest = try BackupManifest.read(from: files.manifestPath)
        guard FileManager.default.fileExists(atPath: files.dumpPath) else {
            throw BackupError(.manifestUnreadable, "\(files.dumpPath): no such dump; nothing was restored")
        }
        let (sha256, size) = try BackupFiles.sha256(of: files.dumpPath)
        guard sha256 == manifest.sha256, size == manifest.sizeBytes else {
            throw BackupError(
                .checksumMismatch,
                "\(files.dumpPath) is not the dump its manifest describes: sha256 \(sha256) (\(size) bytes), "
                    + "the manifest says \(manifest.sha256) (\(manifest.sizeBytes) bytes); the file is corrupt or "
                    + "was replaced. Nothing was created")
        }
        try await admin { connection in
            let exists = try await connection.query(
                "select count(*) from pg_database where datname = \(target)", logger: logger
            ).decode(Int64.self).reduce(0, +)
            guard exists == 0 else {
                throw BackupError(
                    .targetExists,
                    "database \(target) already exists; restore creates a new database and never writes into "
                        + "an existing one (choose another --into, or drop \(target) first). Nothing was changed")
            }
            var missing: [String] = []
            let rows = try await connection.query(
                "select r from unnest(\(Self.roles)) r where not exists (select from pg_roles where rolname = r)",
                logger: logger)
            for try await role in rows.decode(String.self) { missing.append(role) }
            guard missing.isEmpty else {
                throw BackupError(
                    .rolesMissing,
                    "this server lacks the roles \(missing.joined(separator: ", ")), which own and use the "
                        + "restored objects; create them first (`zenglow migrate up` against any empty database "
                        + "of this server does). Nothing was created")
            }
        }
        return manifest
    }

    /// TimescaleDB's documented procedure around pg_restore (the extension at the dumped version,
    /// `timescaledb_pre_restore()`, the restore, `timescaledb_post_restore()`), then statistics,
    /// then a new installation id so that the copy never shares cached answers with the original.
    private func restore(_ manifest: BackupManifest) async throws -> String {
        let timescale = manifest.extensions["timescaledb"]
        if let timescale {
            try await onTarget { connection in
                let version = timescale.replacingOccurrences(of: "'", with: "''")
                try await connection.execute(
                    PostgresQuery(unsafeSQL: "create extension if not exists timescaledb version '\(version)'"),
                    logger: logger)
                try await connection.execute("select timescaledb_pre_restore()", logger: logger)
            }
        }
        let list = try RestoreList(tools: tools, dumpPath: files.dumpPath)
        defer { list.remove() }
        let outcome = try await tools.run(
            tools.pgRestore,
            ["--dbname=\(target)", "--exit-on-error", "--no-password"] + list.arguments + [files.dumpPath],
            url: server.with(database: target), applicationName: "zenglow-restore-pg_restore")
        guard outcome.succeeded else {
            throw BackupError(
                .restoreFailed,
                "pg_restore into \(target) failed (exit \(outcome.status)): "
                    + outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return try await onTarget { connection in
            if timescale != nil {
                try await connection.execute("select timescaledb_post_restore()", logger: logger)
            }
            try await connection.execute("analyze", logger: logger)
            let rows = try await connection.query(
                "update zenglow.installation set id = gen_random_uuid(), created_at = now() returning id::text",
                logger: logger)
            for try await id in rows.decode(String.self) { return id }
            throw BackupError(.restoreFailed, "\(target) has no row in zenglow.installation to give a new id")
        }
    }

    private func verify(_ manifest: BackupManifest) async throws -> [RestoreDifference] {
        try await onTarget { connection in
            let state = try await connection.inTransaction(logger: logger) {
                try await connection.execute("set local row_security = off", logger: logger)
                return try await connection.databaseState(logger: logger)
            }
            let broken = try await connection.brokenAuditChains(logger: logger)
            return RestoreDifference.between(manifest, state, brokenChains: broken)
        }
    }

    /// Adds to a failure after the database was created that it is still there.
    private func leftForInspection<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch {
            let code = (error as? BackupError)?.code ?? .restoreFailed
            throw BackupError(
                code,
                DatabaseBackup.describe(error) + " (database \(target) was left as it is, for inspection; "
                    + "drop it with `dropdb \(target)` before restoring under this name again)")
        }
    }

    private func admin<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await server.with(database: "postgres").withConnection(
            applicationName: "zenglow-restore", logger: logger, body)
    }

    private func onTarget<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws
        -> Result
    {
        try await server.with(database: target).withConnection(applicationName: "zenglow-restore", logger: logger, body)
    }
}
