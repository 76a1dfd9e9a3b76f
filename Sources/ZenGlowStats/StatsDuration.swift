import Foundation

/// A length of time as `zenglow stats` reads it: a positive whole number of minutes, hours, days
/// or weeks (`30m`, `24h`, `7d`, `2w`).
public struct StatsDuration: Sendable, Equatable, CustomStringConvertible {
    /// The length in seconds.
    public let seconds: Int

    /// The text it was written as, normalised (`24h`).
    public let description: String

    /// `seconds` as a PostgreSQL interval literal (`86400 seconds`).
    public var interval: String { "\(seconds) seconds" }

    static let units: [Character: (seconds: Int, name: String)] = [
        "m": (60, "m"), "h": (3600, "h"), "d": (86_400, "d"), "w": (604_800, "w"),
    ]

    /// Five minutes, the finest rollup.
    public static let fiveMinutes = StatsDuration(count: 5, unit: "m")
    /// One hour.
    public static let hour = StatsDuration(count: 1, unit: "h")
    /// One day.
    public static let day = StatsDuration(count: 1, unit: "d")

    init(count: Int, unit: Character) {
        seconds = count * Self.units[unit]!.seconds
        description = "\(count)\(unit)"
    }

    /// Parses `text`; the error names `option` and the forms accepted.
    public init(parsing text: String, option: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let unit = trimmed.last, Self.units[unit] != nil,
            case let digits = trimmed.dropLast(), !digits.isEmpty, digits.allSatisfy(\.isASCII),
            digits.allSatisfy(\.isNumber), let count = Int(digits), count < 1_000_000
        else {
            throw StatsError(
                "\(option) must be a positive duration like 30m, 24h, 7d or 2w (got '\(text)')")
        }
        guard count > 0 else {
            throw StatsError("\(option) must be longer than zero (got '\(text)')")
        }
        self.init(count: count, unit: unit)
    }

    /// True when this is a whole number of `other`s.
    public func isMultiple(of other: StatsDuration) -> Bool {
        seconds % other.seconds == 0
    }
}
