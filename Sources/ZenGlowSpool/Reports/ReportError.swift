/// A failure writing or reading the spool's reports: summaries and the failure log.
public struct ReportError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is; stable across releases so scripts can match on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case insecureFailureLog = "insecure_failure_log"
            case unsafeName = "unsafe_name"
            case io
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The failure log exists with permissions wider than 0600 (or is not a regular file).
        public static let insecureFailureLog = Code(.insecureFailureLog)
        /// A tenant or batch tag that cannot name a file (empty, hidden, or holding `/`).
        public static let unsafeName = Code(.unsafeName)
        /// The system refused a file operation; the message names the path and the reason.
        public static let io = Code(.io)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
