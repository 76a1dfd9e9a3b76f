import PostgresNIO

/// An error from reaching or querying PostgreSQL, safe to print: no query text, no bind values.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is; stable across releases so scripts can match on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidURL = "invalid_url"
            case connectionFailed = "connection_failed"
            case server = "server_error"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// DATABASE_URL could not be parsed.
        public static let invalidURL = Code(.invalidURL)
        /// The server could not be reached or the connection broke.
        public static let connectionFailed = Code(.connectionFailed)
        /// The server answered with an error; `server` holds its fields.
        public static let server = Code(.server)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let message: String
    /// The server's error fields, when the server reported the error.
    public let server: ServerError?
    public let file: String
    public let line: Int

    public init(_ code: Code, _ message: String, server: ServerError? = nil, file: String = #fileID, line: Int = #line)
    {
        self.code = code
        self.message = message
        self.server = server
        self.file = file
        self.line = line
    }

    /// Wraps whatever postgres-nio threw, keeping the server's fields and nothing of the query.
    public init(_ error: any Error, file: String = #fileID, line: Int = #line) {
        if let existing = error as? DatabaseError {
            self = existing
        } else if let psql = error as? PSQLError, let server = ServerError(psql) {
            self.init(.server, server.message, server: server, file: file, line: line)
        } else if let psql = error as? PSQLError {
            let cause = psql.underlying.map { ": \($0)" } ?? ""
            self.init(.connectionFailed, "PostgreSQL connection failed (\(psql.code))\(cause)", file: file, line: line)
        } else {
            self.init(.connectionFailed, "PostgreSQL connection failed: \(error)", file: file, line: line)
        }
    }

    public var description: String {
        guard let server else { return message }
        return "\(server.sqlState): \(server.message)"
    }
}

/// The fields of an error the server reported.
public struct ServerError: Sendable, Equatable, Codable {
    public let sqlState: String
    public let message: String
    public let detail: String?
    public let hint: String?
    /// 1-based character position in the statement sent, when the server gave one.
    public let position: Int?
    /// The constraint (or unique index) a violation is of, when the server named one.
    public let constraint: String?

    public init(
        sqlState: String, message: String, detail: String? = nil, hint: String? = nil, position: Int? = nil,
        constraint: String? = nil
    ) {
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.position = position
        self.constraint = constraint
    }

    init?(_ error: PSQLError) {
        guard let info = error.serverInfo, let sqlState = info[.sqlState], let message = info[.message] else {
            return nil
        }
        self.init(
            sqlState: sqlState,
            message: message,
            detail: info[.detail],
            hint: info[.hint],
            position: info[.position].flatMap(Int.init),
            constraint: info[.constraintName]
        )
    }
}
