/// A server feature a SQL file can require with `-- zenglow:requires <capability>`.
public enum Capability: String, Sendable, Codable, CaseIterable, Comparable {
    case vector
    case timescaledb
    /// TimescaleDB under the Timescale license: compression, continuous aggregates, job policies.
    case timescaledbTSL = "timescaledb-tsl"
    case pgCron = "pg_cron"

    public static func < (lhs: Capability, rhs: Capability) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What the connected server offers, as detected, never assumed.
public struct ServerCapabilities: Sendable, Codable, Equatable {
    /// pgvector's version when it is installed in the database or available to install.
    public var pgvector: String?
    /// TimescaleDB's version when it is loadable (available and preloaded).
    public var timescaledb: String?
    /// `apache` or `timescale` when TimescaleDB is loadable.
    public var timescaledbLicense: String?
    public var pgCron: Bool
    public var serverVersion: String
    /// `vector` or `real[]`: what ZenGlow's schema chose for embeddings (nil before it is installed).
    public var embeddingStorage: String?
    /// `hypertable`, `partitioned` or `table`: what ZenGlow's schema chose for query_performance.
    public var queryPerformanceStorage: String?

    public init(
        pgvector: String? = nil,
        timescaledb: String? = nil,
        timescaledbLicense: String? = nil,
        pgCron: Bool = false,
        serverVersion: String = "",
        embeddingStorage: String? = nil,
        queryPerformanceStorage: String? = nil
    ) {
        self.pgvector = pgvector
        self.timescaledb = timescaledb
        self.timescaledbLicense = timescaledbLicense
        self.pgCron = pgCron
        self.serverVersion = serverVersion
        self.embeddingStorage = embeddingStorage
        self.queryPerformanceStorage = queryPerformanceStorage
    }

    /// Why `capability` is missing, or nil when the server has it.
    public func missingReason(_ capability: Capability) -> String? {
        switch capability {
        case .vector:
            return pgvector == nil ? "pgvector is not installed on the server" : nil
        case .timescaledb:
            return timescaledb == nil ? "TimescaleDB is not installed or not in shared_preload_libraries" : nil
        case .timescaledbTSL:
            if timescaledb == nil { return "TimescaleDB is not installed or not in shared_preload_libraries" }
            return timescaledbLicense == "timescale" ? nil : "TimescaleDB is the Apache build (no TSL features)"
        case .pgCron:
            return pgCron ? nil : "pg_cron is not installed or not in shared_preload_libraries"
        }
    }
}
