import Foundation
import Hummingbird
import ZenGlowIngest

/// The one way a request body becomes a `Decodable` request type: JSON (`application/json`, or no
/// Content-Type) or MessagePack (`application/msgpack` and its aliases, where a route accepts it),
/// with a size limit, and every decoding failure turned into an ``APIError`` that names the field.
struct APIRequestDecoder: RequestDecoder {
    /// The body formats a route accepts.
    enum Format: Sendable {
        case json, messagePack
    }

    static let messagePackTypes: Set<String> = [
        "application/msgpack", "application/x-msgpack", "application/vnd.msgpack",
    ]

    let limit: Int
    let formats: Set<Format>

    init(limit: Int, formats: Set<Format> = [.json]) {
        self.limit = limit
        self.formats = formats
    }

    func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let format = try format(of: request)
        let buffer = try await request.body(upTo: limit)
        let data: Data
        switch format {
        case .json:
            data = Data(buffer: buffer)
            guard String(validating: data, as: UTF8.self) != nil else {
                throw APIError(.badRequest, .invalidJSON, "the request body is not valid UTF-8")
            }
        case .messagePack:
            let value: MessagePackValue
            do {
                value = try MessagePackDecoder().decode(Array(buffer: buffer))
            } catch let error as MessagePackDecoder.DecodingError {
                throw APIError(.badRequest, .invalidJSON, error.description)
            }
            data = try value.jsonData()
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw APIError(decoding: error, format: format, body: data)
        }
    }

    private func format(of request: Request) throws -> Format {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        switch mediaType {
        case nil, "application/json": return .json
        case let type? where Self.messagePackTypes.contains(type) && formats.contains(.messagePack): return .messagePack
        default:
            let accepted =
                formats.contains(.messagePack) ? "application/json or application/msgpack" : "application/json"
            throw APIError(.unsupportedMediaType, .unsupportedMediaType, "send the body as \(accepted)")
        }
    }
}

extension Request {
    /// Decodes the body with ``APIRequestDecoder``.
    func decode<T: Decodable>(
        _ type: T.Type, limit: Int, formats: Set<APIRequestDecoder.Format> = [.json], context: APIRequestContext
    ) async throws -> T {
        try await APIRequestDecoder(limit: limit, formats: formats).decode(type, from: self, context: context)
    }
}
