import Foundation
import ZenGlowDB
import ZenGlowIngest

extension MessagePackValue {
    /// The value as JSON text, so that a MessagePack body is decoded by the same `Decodable`
    /// types and checks as a JSON one. NaN and infinities become the strings `NaN`, `Infinity`
    /// and `-Infinity`, which ``APIRequestDecoder`` reads back as floats: the loader then rejects
    /// their rows with row number and reason, as it does for a JSON body.
    func jsonData() throws -> Data {
        var text = ""
        try write(to: &text, path: "")
        return Data(text.utf8)
    }

    private func write(to text: inout String, path: String) throws {
        switch self {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .int(let number): text += String(number)
        case .uint(let number): text += String(number)
        case .double(let number):
            if number.isNaN {
                text += "\"NaN\""
            } else if number.isInfinite {
                text += number > 0 ? "\"Infinity\"" : "\"-Infinity\""
            } else {
                text += "\(number)"
            }
        case .string(let string): text += try JSONEncoder.fragment(string)
        case .binary:
            throw APIError(
                .badRequest, .invalidRequest, "\(path.isEmpty ? "the body" : path) is binary; send numbers and strings")
        case .array(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += "," }
                try element.write(to: &text, path: "\(path)[\(index)]")
            }
            text += "]"
        case .map(let pairs):
            text += "{"
            for (index, (key, value)) in pairs.enumerated() {
                guard case .string(let name) = key else {
                    throw APIError(
                        .badRequest, .invalidRequest,
                        "\(path.isEmpty ? "the body" : path) has a map key that is not a string")
                }
                if index > 0 { text += "," }
                text += try JSONEncoder.fragment(name) + ":"
                try value.write(to: &text, path: path.isEmpty ? name : "\(path).\(name)")
            }
            text += "}"
        }
    }
}

extension JSONEncoder {
    /// A string as a JSON string literal, escaped.
    fileprivate static func fragment(_ string: String) throws -> String {
        String(decoding: try JSONEncoder().encode(string), as: UTF8.self)
    }
}
