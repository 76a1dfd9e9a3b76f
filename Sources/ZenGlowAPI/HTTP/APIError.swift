import Foundation
import HTTPTypes
import Hummingbird

/// An error the API answers with: an HTTP status, a stable machine-readable code and a message
/// that is safe to show a client (never SQL text, bind values or a server's internal detail).
public struct APIError: Error, HTTPResponseError, CustomStringConvertible, Sendable {
    /// Stable error codes, part of the API contract (listed in /openapi.json).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        public static let unauthorized = Code("unauthorized")
        public static let forbidden = Code("forbidden")
        public static let rateLimited = Code("rate_limited")
        public static let invalidJSON = Code("invalid_json")
        public static let invalidRequest = Code("invalid_request")
        public static let invalidEmbedding = Code("invalid_embedding")
        public static let invalidWeights = Code("invalid_weights")
        public static let invalidTransition = Code("invalid_batch_transition")
        public static let batchTagReused = Code("batch_tag_reused")
        public static let unknownTenant = Code("unknown_tenant")
        public static let notFound = Code("not_found")
        public static let payloadTooLarge = Code("payload_too_large")
        public static let unsupportedMediaType = Code("unsupported_media_type")
        public static let unavailable = Code("service_unavailable")
        public static let internalError = Code("internal_error")

        public var description: String { rawValue }
    }

    public let status: HTTPResponse.Status
    public let code: Code
    public let message: String
    /// Extra response headers (Retry-After, WWW-Authenticate).
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ code: Code, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    /// The one body every failed request gets: `{"error":{"code":…,"message":…}}`.
    public var body: Data {
        struct Envelope: Encodable {
            struct Body: Encodable {
                let code: String
                let message: String
            }
            let error: Body
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(Envelope(error: .init(code: code.rawValue, message: message)))) ?? Data()
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The single answer for every authentication failure, so that a caller learns nothing about
    /// which keys exist.
    public static let unauthenticated = APIError(
        .unauthorized, .unauthorized, "a valid API key is required (Authorization: Bearer zg_…)",
        headers: [.wwwAuthenticate: "Bearer"])
}
