/// An error from talking to Redis.
///
/// `message` names what is wrong (the endpoint, the configuration key, the argument) and never
/// holds `REDIS_PASSWORD` or a value's bytes, so it is safe for logs and start-up errors.
public struct CacheError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is; stable across releases so scripts can match on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case connectionFailed = "connection_failed"
            case commandFailed = "command_failed"
            case unexpectedReply = "unexpected_reply"
            case unavailable = "unavailable"
            case authenticationFailed = "authentication_failed"
            case invalidArgument = "invalid_argument"
            case shutDown = "shut_down"
            case busy
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A connection could not be made, or broke (``RedisConnection`` and ``RedisClient/probe()``).
        public static let connectionFailed = Code(.connectionFailed)
        /// Redis answered the command with an error reply.
        public static let commandFailed = Code(.commandFailed)
        /// Redis answered with a reply of a type the caller did not expect, or a stored value
        /// could not be decoded.
        public static let unexpectedReply = Code(.unexpectedReply)
        /// ``RedisClient`` cannot reach Redis now: the connection failed, or failed within the
        /// last `REDIS_RETRY_MS` and the client refuses without touching the network.
        public static let unavailable = Code(.unavailable)
        /// Redis refused `REDIS_PASSWORD`, or wants one and none is configured.
        public static let authenticationFailed = Code(.authenticationFailed)
        /// The caller passed a value that can never work (a negative cost, a TTL of 0, …).
        public static let invalidArgument = Code(.invalidArgument)
        /// The ``RedisClient`` was shut down.
        public static let shutDown = Code(.shutDown)
        /// The client's queue was full, or a call waited longer than `REDIS_TIMEOUT_MS` for a
        /// thread: Redis may be fine, this instance asks more of it than its pool carries.
        public static let busy = Code(.busy)

        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public let code: Code
    /// What went wrong, for people; safe to log.
    public let message: String
    /// Redis's own error reply (`NOSCRIPT No matching script…`) when Redis refused a command.
    public let redisError: String?
    /// Where the error was thrown.
    public let file: String
    /// Where the error was thrown.
    public let line: Int

    /// An error of `code`; `redisError` is Redis's error reply when there is one.
    public init(
        _ code: Code, _ message: String, redisError: String? = nil, file: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.redisError = redisError
        self.file = file
        self.line = line
    }

    public var description: String { message }
}
