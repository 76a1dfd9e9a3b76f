import Foundation

extension APIError {
    /// What went wrong while decoding a body, naming the field by its path
    /// (`documents[2].chunks[0].text`).
    init(decoding error: DecodingError, format: APIRequestDecoder.Format, body: Data) {
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
            // JSONDecoder says only "not valid JSON"; JSONSerialization says why (which number).
            self.init(.badRequest, .invalidJSON, "the request body is not valid \(syntax)")
            if format == .json, let reason = Self.syntaxProblem(of: body) {
                self =
                    reason.hasPrefix("Number ")
                    ? APIError(
                        .badRequest, .invalidRequest,
                        "the request body holds a number out of range: "
                            + reason.dropFirst("Number ".count).replacingOccurrences(
                                of: " is not representable in Swift.", with: ""))
                    : APIError(.badRequest, .invalidJSON, "the request body is not valid JSON: \(reason)")
            }
        case .dataCorrupted(let context):
            // JSONDecoder says this of a number too large for its type.
            self.init(
                .badRequest, .invalidRequest,
                "field '\(FieldPath(context.codingPath))' is out of range or malformed")
        @unknown default:
            self.init(.badRequest, .invalidRequest, "the request body could not be read")
        }
    }

    /// What JSONSerialization says is wrong with `body`, if anything.
    private static func syntaxProblem(of body: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
            return nil
        } catch {
            return (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
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
