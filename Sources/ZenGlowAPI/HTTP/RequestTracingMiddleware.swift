import HTTPTypes
import Hummingbird
import Tracing

/// The server span of every request, outermost so that everything else (the request's log line
/// included) runs inside it: continues the caller's W3C `traceparent` when there is one, and is
/// named `METHOD /route` once the router has matched. With tracing off the span is a no-op.
struct RequestTracingMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var parent = ServiceContext.current ?? .topLevel
        InstrumentationSystem.instrument.extract(request.headers, into: &parent, using: HTTPFieldsExtractor())
        let method = request.method.rawValue
        return try await withSpan(method, context: parent, ofKind: .server) { span in
            span.attributes["http.request.method"] = method
            span.attributes["url.path"] = request.uri.path
            let response = try await next(request, context)
            let route = context.endpointPath
            if let route { span.operationName = "\(method) \(route)" }
            span.updateAttributes { attributes in
                attributes["http.route"] = route
                attributes["http.response.status_code"] = Int(response.status.code)
                attributes["zg.request.id"] = response.headers[RequestLogMiddleware.requestIDHeader]
                attributes["zg.tenant"] = context.annotations.tenant
            }
            if response.status.code >= 500 { span.setStatus(SpanStatus(code: .error)) }
            return response
        }
    }
}

private struct HTTPFieldsExtractor: Extractor {
    func extract(key: String, from headers: HTTPFields) -> String? {
        HTTPField.Name(key).flatMap { headers[$0] }
    }
}
