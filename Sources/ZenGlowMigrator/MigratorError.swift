import ZenGlowDB

/// An error that ended a migrator command; `exitCode` tells CI what kind of ending it was.
public struct MigratorError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is; stable across releases so scripts can match on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case failed
            case refused
            case lockNotObtained = "lock_not_obtained"
            case driftFound = "drift_found"
            case invalidInput = "invalid_input"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A SQL file failed, or the database could not be reached. Exit code 1.
        public static let failed = Code(.failed)
        /// The plan was refused before any SQL ran (drift, out-of-order, duplicates…). Exit code 2.
        public static let refused = Code(.refused)
        /// Another migrator held the lock past `--lock-wait`. Exit code 3.
        public static let lockNotObtained = Code(.lockNotObtained)
        /// `verify` found drift. Exit code 4.
        public static let driftFound = Code(.driftFound)
        /// A command's own arguments or files could not be used. Exit code 2.
        public static let invalidInput = Code(.invalidInput)

        public var description: String { base.rawValue }

        /// The process exit code for this kind of ending.
        public var exitCode: Int32 {
            switch base {
            case .failed: 1
            case .refused, .invalidInput: 2
            case .lockNotObtained: 3
            case .driftFound: 4
            }
        }
    }

    public let code: Code
    public let message: String
    /// Set when a file failed: where, and what the server said.
    public let failure: FileFailure?
    public let refusals: [Refusal]
    public let file: String
    public let line: Int

    public init(
        _ code: Code,
        _ message: String,
        failure: FileFailure? = nil,
        refusals: [Refusal] = [],
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.failure = failure
        self.refusals = refusals
        self.file = file
        self.line = line
    }

    public var description: String { message }
}

/// Where a file failed and what the server said, in the file's own coordinates.
public struct FileFailure: Sendable, Codable, Equatable {
    public let path: String
    /// 1-based line and column in the file, from the server's error position (or the statement's start).
    public let line: Int
    public let column: Int
    /// 1-based number of the failing statement in the file.
    public let statement: Int
    /// Statements that ran and stay applied: only non-zero for `no-transaction` files.
    public let statementsApplied: Int
    public let sqlState: String?
    public let serverMessage: String
    public let detail: String?
    public let hint: String?

    /// `path:line:column: SQLSTATE message`, then detail and hint, as compilers print errors.
    public var rendered: String {
        var text = "\(path):\(line):\(column): error"
        if let sqlState { text += " \(sqlState)" }
        text += ": \(serverMessage)"
        if let detail { text += "\n  detail: \(detail)" }
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}
