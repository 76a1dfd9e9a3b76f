/// An error of `zenglow backup` or `zenglow restore`, with the exit code it ends the command with.
public struct BackupError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is; stable across releases so scripts can match on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidConfiguration = "invalid_configuration"
            case toolMissing = "tool_missing"
            case dumpFailed = "dump_failed"
            case manifestUnreadable = "manifest_unreadable"
            case checksumMismatch = "checksum_mismatch"
            case targetExists = "target_exists"
            case rolesMissing = "roles_missing"
            case restoreFailed = "restore_failed"
            case fileSystem = "file_system"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A setting or argument cannot be used (a directory, --keep, a database name).
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// pg_dump or pg_restore was not found.
        public static let toolMissing = Code(.toolMissing)
        /// pg_dump failed, or the dump could not be read back.
        public static let dumpFailed = Code(.dumpFailed)
        /// A restore's manifest is missing or is not a manifest.
        public static let manifestUnreadable = Code(.manifestUnreadable)
        /// The dump is not the file its manifest describes (corrupt, truncated or swapped).
        public static let checksumMismatch = Code(.checksumMismatch)
        /// The database a restore would create exists already.
        public static let targetExists = Code(.targetExists)
        /// The server lacks the cluster-wide roles the dump's objects belong to.
        public static let rolesMissing = Code(.rolesMissing)
        /// Creating the database or pg_restore failed.
        public static let restoreFailed = Code(.restoreFailed)
        /// A file or folder of the backup directory could not be written, renamed or removed.
        public static let fileSystem = Code(.fileSystem)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// A message an operator can act on, naming the file, database or value.
    public let message: String
    public let file: String
    public let line: Int

    public init(_ code: Code, _ message: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String { message }

    /// The exit code of the command it ends: 2 for a setting or a missing tool, 3 for a restore
    /// refused before it created anything (no manifest, a dump that does not match it, an
    /// existing target, missing roles), 1 for everything else.
    public var exitCode: Int32 {
        switch code {
        case .invalidConfiguration, .toolMissing: return 2
        case .manifestUnreadable, .checksumMismatch, .targetExists, .rolesMissing: return 3
        default: return 1
        }
    }
}
