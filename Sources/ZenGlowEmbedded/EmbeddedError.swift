/// An error from starting, stopping or inspecting the embedded PostgreSQL and Redis servers.
public struct EmbeddedError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is; stable across releases so scripts can match on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case portInUse = "port_in_use"
            case commandFailed = "command_failed"
            case commandMissing = "command_missing"
            case startTimedOut = "start_timed_out"
            case invalidConfiguration = "invalid_configuration"
            case socketPathTooLong = "socket_path_too_long"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A TCP port the stack needs is taken by another process.
        public static let portInUse = Code(.portInUse)
        /// A server tool (initdb, pg_ctl, redis-server…) exited with an error.
        public static let commandFailed = Code(.commandFailed)
        /// A server tool is not installed.
        public static let commandMissing = Code(.commandMissing)
        /// A server did not accept connections in time.
        public static let startTimedOut = Code(.startTimedOut)
        /// A configuration value could not be used.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// The unix socket path exceeds the kernel's limit.
        public static let socketPathTooLong = Code(.socketPathTooLong)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// A message an operator can act on.
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
}
