/// What `zenglow backup` did: the row it recorded in `zenglow.backup_runs`, its files, its phases.
public struct BackupReport: Codable, Sendable {
    public var backupID: Int64
    public var dumpFile: String
    public var manifestFile: String
    public var manifest: BackupManifest
    public var phases: [BackupPhase]
    /// Files of older backups of this database removed to keep the newest `keep`.
    public var pruned: [String]

    enum CodingKeys: String, CodingKey {
        case backupID = "backup_id"
        case dumpFile = "dump_file"
        case manifestFile = "manifest_file"
        case manifest
        case phases
        case pruned
    }
}
