import Foundation

/// Any JSON value, kept as it was: re-encoded, never edited as text. What a client sent where
/// ZenGlow passes JSON on to SQL (filters, metadata), and a jsonb column whose shape belongs to
/// the SQL that writes it (maintenance_runs.rollups).
public enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let text = try? container.decode(String.self) {
            // Before numbers: the decoder reads the strings "NaN" and "Infinity" as floats.
            self = .string(text)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let elements = try? container.decode([JSONValue].self) {
            self = .array(elements)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .number(let number):
            // Integers stay integers (2020, not 2020.0), so jsonb sees what the client wrote.
            if number.rounded() == number, abs(number) < 9e15 {
                try container.encode(Int64(number))
            } else {
                try container.encode(number)
            }
        case .string(let text): try container.encode(text)
        case .array(let elements): try container.encode(elements)
        case .object(let members): try container.encode(members)
        }
    }

    /// Whether this is an object.
    public var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// The string, if this is one.
    public var text: String? { if case .string(let text) = self { text } else { nil } }

    /// The number, if this is one.
    public var number: Double? { if case .number(let number) = self { number } else { nil } }

    /// The value as compact JSON text, for a `jsonb` argument.
    public var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
