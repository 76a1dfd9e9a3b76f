import HTTPTypes
import ZenGlowDB
import ZenGlowIngest

extension APIError {
    /// The one table from SQLSTATEs and domain errors to HTTP answers. ZenGlow's own SQLSTATEs
    /// (class ZG) carry messages written for users, so those reach the client; anything else is
    /// reported as a generic failure and only logged.
    public init(mapping error: any Error) {
        switch error {
        case let error as APIError:
            self = error
        case let error as IngestError where error.code == .unknownTenant:
            self.init(.forbidden, .unknownTenant, error.message)
        case let error as IngestError where error.code == .batchTagReused:
            self.init(.conflict, .batchTagReused, error.message)
        default:
            let database = DatabaseError(error)
            guard let server = database.server else {
                self.init(.serviceUnavailable, .unavailable, "the database is not reachable; try again shortly")
                return
            }
            self.init(sqlState: server.sqlState, message: server.message)
        }
    }

    /// What a SQLSTATE means to a client.
    init(sqlState: String, message: String) {
        switch sqlState {
        case "ZG001": self.init(.forbidden, .unknownTenant, "the key's tenant is unknown or inactive")
        case "ZG002": self.init(.unprocessableContent, .invalidWeights, message)
        case "ZG003": self.init(.conflict, .invalidTransition, message)
        case "ZG004": self.init(.conflict, .batchTagReused, message)
        case "ZG006": self.init(.serviceUnavailable, .unavailable, "no active embedding model is registered")
        case "ZG007": self.init(.notFound, .notFound, message)
        case "ZG008": self.init(.unprocessableContent, .invalidEmbedding, message)
        case "ZG009": self.init(.badRequest, .invalidRequest, message)
        case "57014": self.init(.serviceUnavailable, .unavailable, "the query took too long and was cancelled")
        case "53300", "57P01", "57P03", "08000", "08003", "08006":
            self.init(.serviceUnavailable, .unavailable, "the database is not available; try again shortly")
        case "40001", "40P01": self.init(.serviceUnavailable, .unavailable, "a concurrent change interfered; retry")
        default: self.init(.internalServerError, .internalError, "internal error")
        }
    }
}
