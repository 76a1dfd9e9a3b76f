/// One SQL file from `migrations/`, `sql/` or `timescale/`, read and checksummed.
public struct MigrationFile: Sendable, Equatable {
    /// Versioned files are applied once, in order; repeatable ones whenever their checksum changes.
    public enum Kind: String, Sendable, Codable {
        case versioned
        case repeatable
    }

    /// Path relative to the project root, e.g. `migrations/0001_create_tenancy.sql`.
    public let path: String
    public let kind: Kind
    /// The number of a versioned file; nil for repeatable files.
    public let version: Int?
    public let source: SourceText
    /// False for `-- zenglow:no-transaction` files: their statements run one by one, each on its own.
    public let transactional: Bool
    /// Capabilities from `-- zenglow:requires`, plus `timescaledb` for everything under `timescale/`.
    public let requires: [Capability]
    public let statements: [SQLSplitter.Statement]

    public var checksum: String { source.checksum }

    /// Checksum of the first `count` statements: tells whether the statements a failed
    /// no-transaction run applied are still the file's first ones.
    public func prefixChecksum(_ count: Int) -> String {
        SourceText(raw: statements.prefix(count).map(\.text).joined(separator: "\u{0}")).checksum
    }
}
