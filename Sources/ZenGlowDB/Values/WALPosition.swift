/// A position in PostgreSQL's write-ahead log (`pg_lsn`), written as PostgreSQL writes it:
/// two hexadecimal numbers, `16/B374D848`. Positions only grow, so a server that has replayed
/// up to one position has everything committed before it.
public struct WALPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 64-bit byte position.
    public let value: UInt64

    public init(_ value: UInt64) {
        self.value = value
    }

    /// Parses `16/B374D848`; nil for anything else (each half 1 to 8 hexadecimal digits).
    public init?(_ text: some StringProtocol) {
        let halves = text.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, halves.allSatisfy({ (1...8).contains($0.count) }),
            let high = UInt64(halves[0], radix: 16), let low = UInt64(halves[1], radix: 16)
        else { return nil }
        value = high << 32 | low
    }

    public var description: String {
        String(value >> 32, radix: 16, uppercase: true) + "/" + String(value & 0xFFFF_FFFF, radix: 16, uppercase: true)
    }

    public static func < (lhs: WALPosition, rhs: WALPosition) -> Bool { lhs.value < rhs.value }
}
