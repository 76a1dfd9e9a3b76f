import Foundation
import HTTPTypes
import Hummingbird

/// An error the API answers with: an HTTP status, a stable machine-readable code and a message
/// that is safe to show a client (never SQL text, bind values or a server's internal detail).
public struct APIError: Error, HTTPResponseError, CustomStringConvertible, Sendable {
    /// Stable error codes, part of the API contract (listed in /openapi.json).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, CaseIterable, Sendable {
            case unauthorized, forbidden
            case rateLimited = "rate_limited"
            case invalidJSON = "invalid_json"
            case invalidRequest = "invalid_request"
            case invalidEmbedding = "invalid_embedding"
            case invalidWeights = "invalid_weights"
            case invalidTransition = "invalid_batch_transition"
            case batchTagReused = "batch_tag_reused"
            case unknownTenant = "unknown_tenant"
            case notFound = "not_found"
            case methodNotAllowed = "method_not_allowed"
            case payloadTooLarge = "payload_too_large"
            case unsupportedMediaType = "unsupported_media_type"
            case unavailable = "service_unavailable"
            case overloaded
            case embedderUnavailable = "embedder_unavailable"
            case internalError = "internal_error"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        public static let unauthorized = Code(.unauthorized)
        public static let forbidden = Code(.forbidden)
        public static let rateLimited = Code(.rateLimited)
        public static let invalidJSON = Code(.invalidJSON)
        public static let invalidRequest = Code(.invalidRequest)
        public static let invalidEmbedding = Code(.invalidEmbedding)
        public static let invalidWeights = Code(.invalidWeights)
        public static let invalidTransition = Code(.invalidTransition)
        public static let batchTagReused = Code(.batchTagReused)
        public static let unknownTenant = Code(.unknownTenant)
        public static let notFound = Code(.notFound)
        public static let methodNotAllowed = Code(.methodNotAllowed)
        public static let payloadTooLarge = Code(.payloadTooLarge)
        public static let unsupportedMediaType = Code(.unsupportedMediaType)
        public static let unavailable = Code(.unavailable)
        /// `MAX_ACTIVE_SESSIONS` requests are in flight across all instances and none finished
        /// within `MAX_ACTIVE_SESSIONS_WAIT_MS`.
        public static let overloaded = Code(.overloaded)
        /// No embedder is configured (`EMBED_PROVIDER=none`), or the configured one failed.
        public static let embedderUnavailable = Code(.embedderUnavailable)
        public static let internalError = Code(.internalError)

        /// Every code the API can answer with; the OpenAPI document's enum lists exactly these.
        public static let all = Base.allCases.map(Code.init)

        public var rawValue: String { base.rawValue }
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
