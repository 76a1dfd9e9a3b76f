import Hummingbird
import Logging

/// Checks the API key of every request it guards and applies the key's rate limit.
/// No key, a malformed key (checked without the database), an unknown, revoked or expired key
/// all get the same 401; scopes are checked by each route (403).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let database: APIDatabase
    let limiter: (any RateLimiter)?
    let metrics: APIMetrics
    /// When keys are disabled (dev profile only): every request acts for this tenant, all scopes.
    let devPrincipal: Principal?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if let devPrincipal {
            context.principal = devPrincipal
        } else {
            guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "),
                let key = APIKey(parsing: header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces))
            else { throw APIError.unauthenticated }
            let (status, principal) = try await metrics.usingDatabase {
                try await database.authenticate(key, logger: context.logger)
            }
            guard let principal else {
                context.logger.debug(
                    "key refused", metadata: ["zg.key.prefix": .string(key.prefix), "zg.key.status": .string(status)])
                throw APIError.unauthenticated
            }
            context.principal = principal
        }
        if let limiter, let principal = context.principal,
            case .limited(let retryAfter) = await limiter.acquire(key: principal.keyID)
        {
            metrics.rateLimited.increment()
            throw APIError(
                .tooManyRequests, .rateLimited, "rate limit exceeded; retry after \(retryAfter) s",
                headers: [.retryAfter: String(retryAfter)])
        }
        return try await next(request, context)
    }
}
