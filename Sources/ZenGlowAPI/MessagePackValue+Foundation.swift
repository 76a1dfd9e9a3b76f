import Foundation
import ZenGlowIngest

extension MessagePackValue {
    /// The value as JSONSerialization would have produced it (maps with string keys become
    /// dictionaries, numbers NSNumbers), so that a msgpack body and a JSON body are validated by
    /// the same code.
    func foundationObject(path: String = "body") throws -> Any {
        switch self {
        case .null: return NSNull()
        case .bool(let flag): return NSNumber(value: flag)
        case .int(let number): return NSNumber(value: number)
        case .uint(let number): return NSNumber(value: number)
        case .double(let number):
            // NaN and infinities pass: the loader rejects their rows with row number and reason.
            return NSNumber(value: number)
        case .string(let text): return text
        case .binary: throw APIError(.badRequest, .invalidRequest, "\(path) is binary; send numbers and strings")
        case .array(let elements):
            return try elements.enumerated().map { try $0.element.foundationObject(path: "\(path)[\($0.offset)]") }
        case .map(let pairs):
            var object: [String: Any] = [:]
            for (key, value) in pairs {
                guard case .string(let name) = key else {
                    throw APIError(.badRequest, .invalidRequest, "\(path) has a map key that is not a string")
                }
                object[name] = try value.foundationObject(path: path == "body" ? name : "\(path).\(name)")
            }
            return object
        }
    }
}
