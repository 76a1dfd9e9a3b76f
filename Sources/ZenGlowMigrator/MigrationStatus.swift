import Foundation
import Logging
import PostgresNIO
import ZenGlowDB

/// Every file on disk and every history row, each with its state: what `migrate status` shows.
public struct MigrationStatus: Sendable, Encodable {
    /// One file's state.
    public struct Entry: Sendable, Encodable, Equatable {
        /// `applied`, `baseline`, `pending`, `changed` (repeatable, will be re-applied), `skipped`
        /// (capability missing), `edited` (drift), `missing` (applied, gone from disk), `failed`.
        public let state: String
        public let path: String
        public let kind: MigrationFile.Kind
        public let version: Int?
        public let checksum: String?
        public let appliedAt: Date?
        public let durationMs: Int?
        public let note: String?
    }

    public let database: String
    public let capabilities: ServerCapabilities
    public let entries: [Entry]
    /// Which scheduler runs maintenance (`zenglow_api.maintenance_scheduler()`), e.g. `service,
    /// last run 12 s ago (success)`; nil before the schema has it.
    public var maintenance: String? = nil

    public var pending: Int { entries.filter { ["pending", "changed"].contains($0.state) }.count }

    static func build(
        database: String,
        source: MigrationSource,
        history: History,
        capabilities: ServerCapabilities
    ) -> MigrationStatus {
        var entries: [Entry] = []
        let versions = history.versions
        let repeatables = history.repeatables
        let failedPaths = Set(history.entries.filter { $0.status == .failed }.map(\.path))
        for file in source.files {
            let entry = file.kind == .versioned ? versions[file.version ?? -1] : repeatables[file.path]
            let skipReason = file.requires.lazy.compactMap { capabilities.missingReason($0) }.first
            let state: String
            switch (file.kind, entry) {
            case (.versioned, .some(let entry)) where entry.status == .baseline: state = "baseline"
            case (_, .some(let entry)) where entry.checksum == file.checksum: state = "applied"
            case (.versioned, .some): state = "edited"
            case (.repeatable, .some): state = skipReason == nil ? "changed" : "skipped"
            case (_, .none) where skipReason != nil: state = "skipped"
            case (_, .none) where failedPaths.contains(file.path): state = "failed"
            case (_, .none): state = "pending"
            }
            entries.append(
                Entry(
                    state: state,
                    path: file.path,
                    kind: file.kind,
                    version: file.version,
                    checksum: file.checksum,
                    appliedAt: entry?.appliedAt,
                    durationMs: entry?.durationMilliseconds,
                    note: state == "skipped" ? skipReason : nil
                )
            )
        }
        let onDisk = Set(source.files.map(\.path))
        let versionsOnDisk = Set(source.files.compactMap(\.version))
        for entry in history.entries where entry.status == .applied && !onDisk.contains(entry.path) {
            if entry.kind == .versioned, versionsOnDisk.contains(entry.version ?? -1) { continue }
            if entries.contains(where: { $0.path == entry.path && $0.state == "missing" }) { continue }
            entries.append(
                Entry(
                    state: "missing",
                    path: entry.path,
                    kind: entry.kind,
                    version: entry.version,
                    checksum: entry.checksum,
                    appliedAt: entry.appliedAt,
                    durationMs: entry.durationMilliseconds,
                    note: "applied but no longer on disk"
                )
            )
        }
        return MigrationStatus(database: database, capabilities: capabilities, entries: entries)
    }
}

/// What `migrate verify` found.
public struct VerificationFinding: Sendable, Encodable, Equatable {
    /// `edited`, `missing` (an applied versioned file gone from disk), `unknown_to_disk` (a repeatable
    /// file applied to the database whose source is gone), `out_of_order` (a new file numbered below the
    /// highest applied one).
    public let kind: String
    public let path: String
    public let message: String
}

extension MigrationStatus {
    /// Drift between disk and database; empty when they agree.
    public func findings(highestApplied: Int?) -> [VerificationFinding] {
        entries.compactMap { entry in
            switch entry.state {
            case "edited":
                return .init(kind: "edited", path: entry.path, message: "changed on disk after it was applied")
            case "missing" where entry.kind == .versioned:
                return .init(kind: "missing", path: entry.path, message: "applied but no longer on disk")
            case "missing":
                return .init(
                    kind: "unknown_to_disk",
                    path: entry.path,
                    message: "its objects are in the database but its file is gone"
                )
            case "pending" where entry.kind == .versioned && (entry.version ?? 0) < (highestApplied ?? 0):
                return .init(
                    kind: "out_of_order",
                    path: entry.path,
                    message: "numbered below the highest applied version \(highestApplied ?? 0)"
                )
            default:
                return nil
            }
        }
    }
}

extension Migrator {
    /// The state of every file and history row.
    public func status() async throws -> MigrationStatus {
        let (entries, capabilities) = try await inspect()
        var status = MigrationStatus.build(
            database: database.redacted,
            source: source,
            history: History(entries: entries),
            capabilities: capabilities
        )
        status.maintenance = await maintenanceScheduler()
        return status
    }

    /// The maintenance scheduler line; nil when the database cannot say (not migrated that far).
    func maintenanceScheduler() async -> String? {
        try? await database.withConnection(applicationName: "zenglow migrate", logger: logger) { connection in
            let rows = try await connection.query(
                "select to_regprocedure('zenglow_api.maintenance_scheduler()') is not null", logger: logger)
            for try await exists in rows.decode(Bool.self) where !exists { return nil }
            let status = try await connection.maintenanceSchedulerStatus(logger: logger)
            let cron =
                status.pgCronPreloaded
                ? "pg_cron preloaded (jobs in database \(status.pgCronDatabase ?? "?"))" : "pg_cron not preloaded"
            return "\(status.summary); \(cron)"
        }
    }

    /// Drift between disk and database.
    public func verify() async throws -> [VerificationFinding] {
        let (entries, capabilities) = try await inspect()
        let history = History(entries: entries)
        let status = MigrationStatus.build(
            database: database.redacted,
            source: source,
            history: history,
            capabilities: capabilities
        )
        let refusals = source.refusals.map { VerificationFinding(kind: $0.code, path: $0.path, message: $0.message) }
        return refusals + status.findings(highestApplied: history.highestVersion)
    }
}
