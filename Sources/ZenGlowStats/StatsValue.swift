/// One number or text of a series row, as JSON and CSV print it.
public enum StatsValue: Sendable, Hashable, Encodable {
    case text(String)
    case integer(Int64)
    case number(Double)
    case texts([String])
    case null

    /// Nil as `.null`.
    public static func number(_ value: Double?) -> StatsValue { value.map { .number($0) } ?? .null }

    /// Nil as `.null`.
    public static func text(_ value: String?) -> StatsValue { value.map { .text($0) } ?? .null }

    /// How CSV prints it: a list joined by `;`, null as an empty field.
    public var csv: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .number(let value): value.isFinite ? "\(value)" : ""
        case .texts(let texts): texts.joined(separator: ";")
        case .null: ""
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .integer(let value): try container.encode(value)
        case .number(let value): value.isFinite ? try container.encode(value) : try container.encodeNil()
        case .texts(let texts): try container.encode(texts)
        case .null: try container.encodeNil()
        }
    }
}
