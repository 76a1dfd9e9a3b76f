import Hummingbird

/// Records every outcome of the route it guards in zenglow.query_performance, exactly once: the
/// answers, the errors the controller or the body decoding raised, and the 429 and 503 of the
/// key's rate limit and the session cap, which is why it sits outside authentication. A request
/// without a tenant (401: no valid key) is not recorded: the table is per tenant.
struct QueryOutcomeMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let endpoint: String
    let recorder: PerformanceRecorder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let started = ContinuousClock.now
        let outcome = QueryOutcome(
            PerformanceRecord(
                tenant: "", requestID: context.requestID, endpoint: endpoint, status: 0, totalMilliseconds: 0))
        let response: Response
        do {
            response = try await QueryOutcome.$current.withValue(outcome) { try await next(request, context) }
        } catch {
            // The same mapping the outermost middleware answers with, so the row says what the client got.
            let answered = RequestLogMiddleware.apiError(error)
            record(outcome, status: answered.status.code, errorCode: answered.code.rawValue, started, context)
            throw error
        }
        record(outcome, status: response.status.code, errorCode: nil, started, context)
        return response
    }

    private func record(
        _ outcome: QueryOutcome, status: Int, errorCode: String?, _ started: ContinuousClock.Instant, _ context: Context
    ) {
        // The authentication inside sets the tenant on the shared annotations, also when it then refuses (429).
        guard let tenant = context.annotations.tenant else { return }
        outcome.update {
            $0.tenant = tenant
            $0.status = status
            $0.errorCode = errorCode
            $0.totalMilliseconds = ContinuousClock.now.milliseconds(since: started)
        }
        recorder.record(outcome.snapshot)
    }
}
