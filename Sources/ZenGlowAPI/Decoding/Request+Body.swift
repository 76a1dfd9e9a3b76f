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
}

extension APIError {
    static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, .payloadTooLarge, "the request body exceeds the limit of \(limit) bytes")
    }
}
