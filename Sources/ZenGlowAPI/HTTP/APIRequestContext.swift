import Hummingbird
import ZenGlowKeys

/// Per-request state: the request id every log line and the database session carry, and the
/// principal once the API key has been checked.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID = ""
    public var principal: Principal? {
        didSet { annotations.tenant = principal?.tenant }
    }
    public let annotations = RequestAnnotations()

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// The principal, when it holds `scope`; 403 otherwise (401 when there is none at all).
    public func principal(requiring scope: Principal.Scope) throws -> Principal {
        guard let principal else { throw APIError.unauthenticated }
        guard principal.scopes.contains(scope) else {
            throw APIError(.forbidden, .forbidden, "this key lacks the '\(scope.rawValue)' scope")
        }
        return principal
    }
}
