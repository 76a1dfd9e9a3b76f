import Foundation
import ZenGlowIngest

/// MessagePack metadata as the JSON object text the loader stores.
enum JSONText {
    static func object(_ pairs: [(MessagePackValue, MessagePackValue)], at path: String) throws(SpoolFailure)
        -> String
    {
        var text = ""
        try write(.map(pairs), to: &text, at: path)
        return text
    }

    private static func write(_ value: MessagePackValue, to text: inout String, at path: String) throws(SpoolFailure) {
        switch value {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .int(let number): text += String(number)
        case .uint(let number): text += String(number)
        case .double(let number):
            guard number.isFinite else {
                throw SpoolFailure(.invalidValue, "metadata numbers must be finite", field: path)
            }
            text += "\(number)"
        case .string(let string): quote(string, into: &text)
        case .binary:
            throw SpoolFailure(.wrongType, "metadata cannot hold binary values", field: path)
        case .array(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += "," }
                try write(element, to: &text, at: "\(path)[\(index)]")
            }
            text += "]"
        case .map(let pairs):
            text += "{"
            for (index, (key, element)) in pairs.enumerated() {
                guard case .string(let name) = key else {
                    throw SpoolFailure(.wrongType, "has a key that is not a string", field: path)
                }
                if index > 0 { text += "," }
                quote(name, into: &text)
                text += ":"
                try write(element, to: &text, at: "\(path).\(name)")
            }
            text += "}"
        }
    }

    private static func quote(_ string: String, into text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                text +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
