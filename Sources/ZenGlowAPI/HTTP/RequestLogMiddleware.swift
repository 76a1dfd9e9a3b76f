import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ZenGlowDB

/// The outermost middleware: gives every request its id (the client's `X-Request-ID` when it
/// is sensible, else a new one) and echoes it, turns every error into the JSON error body, and
/// writes one log line and the HTTP metrics per request.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    static let requestIDHeader = HTTPField.Name("X-Request-ID")!

    let metrics: APIMetrics
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let started = ContinuousClock.now
        var context = context
        context.requestID = Self.requestID(from: request)
        context.logger[metadataKey: "zg.request.id"] = .string(context.requestID)
        var response: Response
        var failure: APIError?
        do {
            response = try await next(request, context)
        } catch {
            let mapped = Self.apiError(error, allowed: routes.methods(for: request.uri.path))
            if mapped.status.code >= 500 {
                context.logger.error("request failed", metadata: ["zg.error": "\(DatabaseErrorSummary(error))"])
            }
            failure = mapped
            response = try mapped.response(from: request, context: context)
        }
        response.headers[Self.requestIDHeader] = context.requestID
        let route = context.endpointPath ?? "unmatched"
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metrics.request(
            route: route, method: request.method.rawValue, status: response.status.code, seconds: seconds)
        var metadata: Logger.Metadata = [
            "zg.route": .string(route),
            "zg.method": .string(request.method.rawValue),
            "zg.status": .stringConvertible(response.status.code),
            "zg.duration_ms": .string(String(format: "%.3f", seconds * 1000)),
        ]
        if let tenant = context.annotations.tenant { metadata["zg.tenant"] = .string(tenant) }
        if let failure { metadata["zg.error.code"] = .string(failure.code.rawValue) }
        context.logger.info("request", metadata: metadata)
        return response
    }

    /// The client's id when it is 1–128 characters of letters, digits, `-`, `_`, `.` or `:`;
    /// anything else (which could forge log lines) is replaced.
    static func requestID(from request: Request) -> String {
        if let given = request.headers[requestIDHeader], (1...128).contains(given.count),
            given.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) })
        {
            return given
        }
        return UUID().uuidString.lowercased()
    }

    /// `allowed`: the methods routed for the request's path (a 404 for an existing path is a 405).
    static func apiError(_ error: any Error, allowed: [String] = []) -> APIError {
        if let error = error as? APIError { return error }
        if let error = error as? HTTPError {
            switch error.status {
            case .notFound where !allowed.isEmpty:
                return APIError(
                    .methodNotAllowed, .methodNotAllowed,
                    "method not allowed on this route; allowed: \(allowed.joined(separator: ", "))",
                    headers: [.allow: allowed.joined(separator: ", ")])
            case .notFound: return APIError(.notFound, .notFound, "no such route")
            case .methodNotAllowed:
                return APIError(.methodNotAllowed, .methodNotAllowed, "method not allowed on this route")
            case .contentTooLarge: return APIError(.contentTooLarge, .payloadTooLarge, "the request body is too large")
            default:
                return APIError(error.status, .invalidRequest, error.status.reasonPhrase)
            }
        }
        return APIError(mapping: error)
    }
}

/// An error as it may be logged: a server error's SQLSTATE and message, never a query or bind.
struct DatabaseErrorSummary: CustomStringConvertible {
    let error: any Error
    init(_ error: any Error) { self.error = error }

    var description: String {
        if let api = error as? APIError { return api.description }
        return DatabaseError(error).description
    }
}
