import Foundation
import Hummingbird
import NIOCore

extension Request {
    /// The whole body, refusing more than `limit` bytes with 413 before reading it all when the
    /// client announced its length, and as soon as the limit is passed otherwise.
    func body(upTo limit: Int) async throws -> ByteBuffer {
        if let declared = headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError.tooLarge(limit: limit)
        }
        do {
            return try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: limit)
        }
    }

    /// The body as a JSON object whose keys are all in `allowed`; each way it can be wrong gets
    /// its own message.
    func jsonObject(upTo limit: Int, allowed: Set<String>) async throws -> [String: Any] {
        let buffer = try await body(upTo: limit)
        let bytes = Data(buffer: buffer)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw APIError(.badRequest, .invalidJSON, "the request body is not valid UTF-8")
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: bytes, options: [])
        } catch {
            throw APIError(.badRequest, .invalidJSON, "the request body is not valid JSON")
        }
        guard let object = parsed as? [String: Any] else {
            throw APIError(.badRequest, .invalidJSON, "the request body must be a JSON object")
        }
        try APIError.refuseUnknownFields(of: object, allowed: allowed)
        return object
    }
}

extension APIError {
    /// 400 naming the first field of `object` (at `path`, when nested) that is not `allowed`.
    static func refuseUnknownFields(of object: [String: Any], allowed: Set<String>, path: String? = nil) throws {
        guard let unknown = object.keys.filter({ !allowed.contains($0) }).min() else { return }
        let name = path.map { "\($0).\(unknown)" } ?? unknown
        throw APIError(
            .badRequest, .invalidRequest,
            "unknown field '\(name)'; allowed: \(allowed.sorted().joined(separator: ", "))")
    }

    static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, .payloadTooLarge, "the request body exceeds the limit of \(limit) bytes")
    }
}
