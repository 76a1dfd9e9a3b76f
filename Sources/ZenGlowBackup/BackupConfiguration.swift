import Foundation

/// Where `zenglow backup` writes, how many backups it keeps, and how long pg_dump waits for locks.
public struct BackupConfiguration: Sendable {
    /// The folder holding dumps and manifests.
    public var directory: String
    /// How many backups of this database stay in `directory` after a successful backup (at least 1).
    public var keep: Int
    /// How long pg_dump waits for a table lock (e.g. behind a migration) before the backup fails.
    public var lockWaitSeconds: Int

    /// `keep` and `lockWaitSeconds` below 1 are taken as 1.
    public init(directory: String, keep: Int = 7, lockWaitSeconds: Int = 300) {
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
        self.keep = max(1, keep)
        self.lockWaitSeconds = max(1, lockWaitSeconds)
    }

    /// Reads the environment; every key is optional, and a flag given on the command line wins.
    ///
    /// - `BACKUP_DIR` (path, default `<ZENGLOW_HOME>/backups`, i.e. `.zenglow/backups`).
    /// - `BACKUP_KEEP` (integer ≥ 1, default 7).
    /// - `BACKUP_LOCK_WAIT_SECONDS` (integer ≥ 1, default 300).
    public init(
        environment: [String: String], home: String, directory: String? = nil, keep: Int? = nil,
        lockWaitSeconds: Int? = nil
    ) throws {
        let folder = directory ?? environment["BACKUP_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/backups"
        self.directory = URL(fileURLWithPath: folder).standardizedFileURL.path
        self.keep = try keep.map { try Self.positive($0, "--keep") } ?? Self.positive(environment, "BACKUP_KEEP") ?? 7
        self.lockWaitSeconds =
            try lockWaitSeconds.map { try Self.positive($0, "--lock-wait") }
            ?? Self.positive(environment, "BACKUP_LOCK_WAIT_SECONDS") ?? 300
    }

    private static func positive(_ environment: [String: String], _ name: String) throws -> Int? {
        guard let text = environment[name], !text.isEmpty else { return nil }
        guard let value = Int(text) else {
            throw BackupError(.invalidConfiguration, "\(name)='\(text)' is not a whole number (at least 1)")
        }
        return try positive(value, name)
    }

    private static func positive(_ value: Int, _ name: String) throws -> Int {
        guard value >= 1 else {
            throw BackupError(.invalidConfiguration, "\(name) is \(value); it must be at least 1")
        }
        return value
    }
}
