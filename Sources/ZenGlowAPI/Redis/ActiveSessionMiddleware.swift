import Hummingbird

/// Holds a `MAX_ACTIVE_SESSIONS` slot for the request it guards (queries and ingests), after the
/// key and rate checks so a refused request never takes one.
struct ActiveSessionMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let limiter: ActiveSessionLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        try await limiter.withSession { try await next(request, context) }
    }
}
