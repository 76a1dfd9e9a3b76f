/// A `POST /v1/embeddings` body, OpenAI's shape: `input` (a string or 1 to 2048 strings),
/// optional `model`, `encoding_format` (`float` | `base64`) and `user`. Token-id input, which
/// OpenAI also accepts, is refused: this server embeds text.
struct EmbeddingsRequest: Decodable, Sendable {
    static let maxInputs = 2048

    enum EncodingFormat: String, Sendable {
        case float, base64
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case input, model, user
        case encodingFormat = "encoding_format"
    }

    let input: [String]
    let model: String?
    let encodingFormat: EncodingFormat
    let user: String?

    init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownFields(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        input = try Self.input(in: container, path: decoder.path(CodingKeys.input))
        model = try container.decodeIfPresent(String.self, forKey: .model)
        let format = try container.decodeIfPresent(String.self, forKey: .encodingFormat) ?? "float"
        guard let encodingFormat = EncodingFormat(rawValue: format) else {
            throw APIError(.badRequest, .invalidRequest, "field 'encoding_format' must be float or base64")
        }
        self.encodingFormat = encodingFormat
        user = try container.decodeIfPresent(String.self, forKey: .user)
    }

    /// The texts of `input`, each refusal naming the element (`input[3]`).
    private static func input(in container: KeyedDecodingContainer<CodingKeys>, path: String) throws -> [String] {
        guard container.contains(.input) else {
            throw APIError(.badRequest, .invalidRequest, "field '\(path)' is required")
        }
        if let text = try? container.decode(String.self, forKey: .input) {
            guard !text.isEmpty else {
                throw APIError(.badRequest, .invalidRequest, "field '\(path)' must not be an empty string")
            }
            return [text]
        }
        if (try? container.decode(Double.self, forKey: .input)) != nil {
            throw tokenIDs(path)
        }
        guard var list = try? container.nestedUnkeyedContainer(forKey: .input) else {
            throw APIError(.badRequest, .invalidRequest, "field '\(path)' must be a string or an array of strings")
        }
        var texts: [String] = []
        while !list.isAtEnd {
            let element = "\(path)[\(list.currentIndex)]"
            if let text = try? list.decode(String.self) {
                guard !text.isEmpty else {
                    throw APIError(.badRequest, .invalidRequest, "field '\(element)' must not be an empty string")
                }
                texts.append(text)
            } else if (try? list.decode(Double.self)) != nil || (try? list.decode([Double].self)) != nil {
                throw tokenIDs(element)
            } else {
                throw APIError(.badRequest, .invalidRequest, "field '\(element)' must be a string")
            }
            guard texts.count <= maxInputs else {
                throw APIError(.badRequest, .invalidRequest, "field '\(path)' holds more than \(maxInputs) texts")
            }
        }
        guard !texts.isEmpty else {
            throw APIError(.badRequest, .invalidRequest, "field '\(path)' must hold at least one text")
        }
        return texts
    }

    private static func tokenIDs(_ path: String) -> APIError {
        APIError(
            .badRequest, .invalidRequest,
            "field '\(path)' holds token ids; this server embeds text only: send each input as a string")
    }
}
