import Foundation

/// What a backup holds, written beside its dump (`<name>.manifest.json`) and checked by a restore.
public struct BackupManifest: Codable, Sendable, Equatable {
    /// The newest layout of this file; a restore refuses layouts it does not know.
    public static let currentFormat = 1

    public var format: Int
    public var createdAt: Date
    /// The backed-up database's name on its server.
    public var database: String
    /// `zenglow.installation`'s id of the backed-up database (a restore gives its copy a new one).
    public var installationID: String
    /// The highest applied version in `zenglow_migrations.history`.
    public var schemaVersion: Int
    /// Exact rows per table, schema-qualified (`zenglow.backup_row_counts()`).
    public var rowCounts: [String: Int64]
    /// Per tenant, the newest link of its audit chain (`zenglow_audit.chain_heads`).
    public var auditChainHeads: [String: AuditChainHead]
    /// The dump file's name, in the same folder as the manifest.
    public var dumpFile: String
    /// sha256 of the dump file, lowercase hex.
    public var sha256: String
    public var sizeBytes: Int64
    /// `pg_dump --version` of the tool that wrote the dump.
    public var pgDumpVersion: String
    /// The server's `server_version`.
    public var serverVersion: String
    /// Installed extensions and their versions (a restore creates TimescaleDB at this version).
    public var extensions: [String: String]

    public init(
        format: Int = BackupManifest.currentFormat, createdAt: Date, database: String, installationID: String,
        schemaVersion: Int, rowCounts: [String: Int64], auditChainHeads: [String: AuditChainHead], dumpFile: String,
        sha256: String, sizeBytes: Int64, pgDumpVersion: String, serverVersion: String, extensions: [String: String]
    ) {
        self.format = format
        self.createdAt = createdAt
        self.database = database
        self.installationID = installationID
        self.schemaVersion = schemaVersion
        self.rowCounts = rowCounts
        self.auditChainHeads = auditChainHeads
        self.dumpFile = dumpFile
        self.sha256 = sha256
        self.sizeBytes = sizeBytes
        self.pgDumpVersion = pgDumpVersion
        self.serverVersion = serverVersion
        self.extensions = extensions
    }

    enum CodingKeys: String, CodingKey {
        case format
        case createdAt = "created_at"
        case database
        case installationID = "installation_id"
        case schemaVersion = "schema_version"
        case rowCounts = "row_counts"
        case auditChainHeads = "audit_chain_heads"
        case dumpFile = "dump_file"
        case sha256
        case sizeBytes = "size_bytes"
        case pgDumpVersion = "pg_dump_version"
        case serverVersion = "server_version"
        case extensions
    }
}

/// The newest link of one tenant's audit chain: what `verify_chain` must end at after a restore.
public struct AuditChainHead: Codable, Sendable, Equatable {
    public var seq: Int64
    /// The head row's hash, lowercase hex.
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }
}
