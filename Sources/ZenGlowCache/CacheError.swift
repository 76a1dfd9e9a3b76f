/// An error from talking to Redis.
public struct CacheError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is; stable across releases so scripts can match on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case connectionFailed = "connection_failed"
            case commandFailed = "command_failed"
            case unexpectedReply = "unexpected_reply"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Redis could not be reached, or the connection broke.
        public static let connectionFailed = Code(.connectionFailed)
        /// Redis answered the command with an error.
        public static let commandFailed = Code(.commandFailed)
        /// Redis answered with a reply of a type the caller did not expect.
        public static let unexpectedReply = Code(.unexpectedReply)

        public var description: String { base.rawValue }
    }

    public let code: Code
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
