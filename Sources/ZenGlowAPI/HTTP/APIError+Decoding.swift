extension APIError {
    /// What went wrong while decoding a body, naming the field by its path
    /// (`documents[2].chunks[0].text`).
    init(decoding error: DecodingError, format: APIRequestDecoder.Format) {
        let syntax = format == .json ? "JSON" : "MessagePack"
        switch error {
        case .keyNotFound(let key, let context):
            self.init(
                .badRequest, .invalidRequest, "field '\(FieldPath(context.codingPath + [key]))' is required")
        case .valueNotFound(_, let context):
            self.init(.badRequest, .invalidRequest, "field '\(FieldPath(context.codingPath))' must not be null")
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            self.init(.badRequest, .invalidJSON, "the request body must be a \(syntax) object")
        case .typeMismatch(let type, let context):
            self.init(
                .badRequest, .invalidRequest,
                "field '\(FieldPath(context.codingPath))' must be \(Self.article(for: type))")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            self.init(.badRequest, .invalidJSON, "the request body is not valid \(syntax)")
        case .dataCorrupted(let context):
            // JSONDecoder says this of a number too large for its type.
            self.init(
                .badRequest, .invalidRequest,
                "field '\(FieldPath(context.codingPath))' is out of range or malformed")
        @unknown default:
            self.init(.badRequest, .invalidRequest, "the request body could not be read")
        }
    }

    private static func article(for type: Any.Type) -> String {
        switch "\(type)" {
        case "String": return "a string"
        case "Bool": return "true or false"
        case "Int", "Int32", "Int64": return "an integer"
        case "Double", "Float": return "a number"
        case let name where name.hasPrefix("Array"): return "an array"
        default: return "an object"
        }
    }
}
