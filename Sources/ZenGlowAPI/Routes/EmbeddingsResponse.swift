import Foundation

/// A `POST /v1/embeddings` answer, OpenAI's shape: one item per input, in input order.
struct EmbeddingsResponse: Encodable {
    struct Item: Encodable {
        let object = "embedding"
        let index: Int
        let embedding: Vector
    }

    /// Floats, or (`encoding_format: base64`) their little-endian float32 bytes in base64, as
    /// OpenAI sends them.
    enum Vector: Encodable {
        case float([Float])
        case base64(String)

        init(_ values: [Float], format: EmbeddingsRequest.EncodingFormat) {
            switch format {
            case .float: self = .float(values)
            case .base64:
                var bytes = Data(capacity: values.count * 4)
                for value in values {
                    withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
                }
                self = .base64(bytes.base64EncodedString())
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .float(let values): try container.encode(values)
            case .base64(let text): try container.encode(text)
            }
        }
    }

    struct Usage: Encodable {
        let promptTokens: Int
        let totalTokens: Int

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case totalTokens = "total_tokens"
        }
    }

    let object = "list"
    let data: [Item]
    let model: String
    let usage: Usage
}
