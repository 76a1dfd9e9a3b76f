extension DatabaseError {
    /// What a failure means to whoever sent the request, decided once for every caller.
    public enum Kind: Sendable, Equatable {
        /// One of ZenGlow's own refusals; the server's message is written for the caller.
        case zenglow(ZenGlowSQLState)
        /// Class 22 (data exception) and the like: a value that reached SQL was out of range or
        /// malformed. Input validation should have caught it first; it is still the caller's fault.
        case invalidInput
        /// The statement was cancelled (statement_timeout, an operator).
        case timedOut
        /// A serialization failure or deadlock: retrying may succeed.
        case conflict
        /// The server cannot serve now: unreachable, shutting down, too many connections.
        case unavailable
        /// Anything else: a fault of ZenGlow or the server, to be logged, never shown.
        case internalFailure
    }

    /// The kind of this failure.
    public var kind: Kind {
        guard let server else {
            return code == .connectionFailed ? .unavailable : .internalFailure
        }
        return Self.kind(sqlState: server.sqlState)
    }

    /// The kind of a SQLSTATE the server reported.
    public static func kind(sqlState: String) -> Kind {
        if let zenglow = ZenGlowSQLState(sqlState: sqlState) { return .zenglow(zenglow) }
        switch sqlState {
        case "57014": return .timedOut
        case "40001", "40P01", "23505": return .conflict
        // A check, not-null or exclusion constraint refusing a value the caller sent.
        case "23514", "23502", "23P01": return .invalidInput
        case "53300", "57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08004": return .unavailable
        default:
            // 22xxx data exceptions (numeric overflow, invalid text representation, division by
            // zero, invalid parameter value, …) and 2201x argument errors of math functions.
            return sqlState.hasPrefix("22") ? .invalidInput : .internalFailure
        }
    }
}
