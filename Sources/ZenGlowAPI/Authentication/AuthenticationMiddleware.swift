import Hummingbird
import Logging
import Tracing
import ZenGlowKeys

/// Checks the API key of every request it guards and applies the key's rate limit.
/// No key, a malformed key (checked without the database), an unknown, revoked or expired key
/// all get the same 401; scopes are checked by each route (403). The check is the
/// `auth.key_check` span (the rate limit is not part of it).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let database: APIDatabase
    let keys: APIKeyCache
    let limiter: (any RateLimiter)?
    let metrics: APIMetrics
    /// When keys are disabled (dev profile only): every request acts for this tenant, all scopes.
    let devPrincipal: Principal?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.principal = try await withSpan("auth.key_check") { span in
            let principal = try await principal(for: request, context: context, span: span)
            span.attributes["zg.tenant"] = principal.tenant
            return principal
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

    /// The principal the request's key acts for (a 401 for any key that does not), from the key
    /// cache or the database; `span` learns which (`zg.auth.source`).
    private func principal(for request: Request, context: Context, span: any Span) async throws -> Principal {
        if let devPrincipal {
            span.attributes["zg.auth.source"] = "dev"
            return devPrincipal
        }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "),
            let key = APIKey(parsing: header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces))
        else { throw APIError.unauthenticated }
        if let remembered = await keys.principal(for: key) {
            span.attributes["zg.auth.source"] = "cache"
            return remembered
        }
        span.attributes["zg.auth.source"] = "database"
        let check = try await metrics.usingDatabase {
            try await database.client.withConnection {
                try await $0.checkAPIKey(prefix: key.prefix, secretDigest: key.secretDigest, logger: context.logger)
            }
        }
        guard check.status == "ok", let tenant = check.tenant, let keyID = check.keyID else {
            context.logger.debug(
                "key refused", metadata: ["zg.key.prefix": .string(key.prefix), "zg.key.status": .string(check.status)])
            throw APIError.unauthenticated
        }
        let principal = Principal(
            tenant: tenant, keyID: keyID, scopes: Set(check.scopes.compactMap(Principal.Scope.init(rawValue:))))
        await keys.remember(key, principal: principal, expiresAt: check.expiresAt)
        return principal
    }
}
