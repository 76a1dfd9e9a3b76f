import HTTPTypes
import ZenGlowDB
import ZenGlowIngest

extension APIError {
    /// The one table from database failures and domain errors to HTTP answers. ZenGlow's own
    /// SQLSTATEs (``ZenGlowSQLState``) carry messages written for the caller, so those reach the
    /// client; a data exception is the caller's bad value; anything else is reported as a
    /// generic failure and only logged.
    public init(mapping error: any Error) {
        switch error {
        case let error as APIError:
            self = error
        case let error as IngestError where error.code == .unknownTenant:
            self.init(.forbidden, .unknownTenant, error.message)
        default:
            let database = DatabaseError(error)
            self.init(kind: database.kind, message: database.server?.message ?? database.message)
        }
    }

    init(kind: DatabaseError.Kind, message: String) {
        switch kind {
        case .zenglow(let state): self.init(state, message: message)
        case .invalidInput:
            self.init(.badRequest, .invalidRequest, "a value in the request is out of range or malformed")
        case .timedOut: self.init(.serviceUnavailable, .unavailable, "the query took too long and was cancelled")
        case .conflict: self.init(.serviceUnavailable, .unavailable, "a concurrent change interfered; retry")
        case .unavailable:
            self.init(.serviceUnavailable, .unavailable, "the database is not available; try again shortly")
        case .internalFailure: self.init(.internalServerError, .internalError, "internal error")
        }
    }

    private init(_ state: ZenGlowSQLState, message: String) {
        switch state {
        case .unknownTenant: self.init(.forbidden, .unknownTenant, "the key's tenant is unknown or inactive")
        case .invalidWeights: self.init(.unprocessableContent, .invalidWeights, message)
        case .invalidTransition: self.init(.conflict, .invalidTransition, message)
        case .batchTagReused: self.init(.conflict, .batchTagReused, message)
        case .unknownModel: self.init(.serviceUnavailable, .unavailable, "no active embedding model is registered")
        case .notFound: self.init(.notFound, .notFound, message)
        case .invalidEmbedding: self.init(.unprocessableContent, .invalidEmbedding, message)
        case .invalidArgument: self.init(.badRequest, .invalidRequest, message)
        // Retryable, like any 503; the server's message names internal objects, so it is logged, not sent.
        case .partitionMissing:
            self.init(
                .serviceUnavailable, .unavailable,
                "the storage for this batch is missing and could not be created; retry later",
                headers: [.retryAfter: "30"])
        default: self.init(.internalServerError, .internalError, "internal error (\(state.name))")
        }
    }
}
