/// What one embedded server is doing right now.
public struct ServerStatus: Sendable, Codable, Equatable {
    /// `postgresql` or `redis`.
    public let name: String
    public let running: Bool
    public let pid: Int32?
    public let port: Int
    /// The unix socket clients can connect through.
    public let socketPath: String
    /// Where the server writes its log.
    public let logFile: String
}

/// The embedded stack as `zenglow dev status` reports it.
public struct EmbeddedStatus: Sendable, Codable, Equatable {
    public let postgres: ServerStatus
    public let redis: ServerStatus

    /// True when both servers run.
    public var running: Bool { postgres.running && redis.running }
    /// True when neither server runs.
    public var stopped: Bool { !postgres.running && !redis.running }
}
