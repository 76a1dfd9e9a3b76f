/// The part of phone-number detection a regular expression cannot say: how many digits, and
/// which digit runs are something else (ports, counts, versions, IP addresses, ISO dates).
enum PhoneNumber {
    /// A phone number has 7 to 15 digits and is written as one: with a leading `+`, or split by
    /// spaces, dashes or parentheses into at least three groups. Plain numbers (ports, counts,
    /// durations), dotted IP addresses, versions and ISO dates are not phone numbers.
    static func isPhoneNumber(_ candidate: Substring) -> Bool {
        let digits = candidate.filter(\.isNumber).count
        guard (7...15).contains(digits) else { return false }
        if candidate.hasPrefix("+") { return true }
        if candidate.contains(".") && !candidate.contains(" ") && !candidate.contains("-") { return false }
        let groups = candidate.split(whereSeparator: { " -().".contains($0) })
        if groups.count == 3, groups[0].count == 4, groups[1].count == 2, groups[2].count == 2,
            candidate.contains("-"), !candidate.contains(" ")
        {
            return false  // 2026-11-23
        }
        return groups.count >= 3
    }

    /// A maximal run of ASCII digits and phone separators (space ( ) + . -), fed byte by byte,
    /// and whether some part of it could pass ``isPhoneNumber(_:)``: it needs 7 digits, and a `+`
    /// or three digit groups, and is not only an ISO date or only dotted numbers. Every phone
    /// number the expression finds lies inside such a run, so a text without one skips it.
    struct Run {
        /// Separators, as bits: only those between two digit groups count (" 2026-11-23 " is a
        /// date, whatever spaces surround it).
        private static let dash: UInt8 = 1
        private static let space: UInt8 = 2
        private static let dot: UInt8 = 4
        private static let parenthesis: UInt8 = 8

        private var digits = 0
        private var groups = 0
        private var groupLengths: (Int, Int, Int) = (0, 0, 0)
        private var inGroup = false
        private var plus = false
        private var pending: UInt8 = 0  // seen since the last digit
        private var between: UInt8 = 0  // seen between digit groups

        /// Whether a run has begun (a digit or a `+` since the last byte that ends runs).
        var isActive: Bool { digits > 0 || plus }

        /// Adds a byte of a run: an ASCII digit or one of space ( ) + . -.
        mutating func add(_ byte: UInt8) {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if !inGroup {
                    if groups > 0 { between |= pending }
                    pending = 0
                    groups += 1
                    inGroup = true
                }
                digits += 1
                switch groups {
                case 1: groupLengths.0 += 1
                case 2: groupLengths.1 += 1
                case 3: groupLengths.2 += 1
                default: break
                }
                return
            case UInt8(ascii: "+"): plus = true
            // Separators before the first digit do not split groups.
            case UInt8(ascii: "-") where groups > 0: pending |= Self.dash
            case UInt8(ascii: " ") where groups > 0: pending |= Self.space
            case UInt8(ascii: ".") where groups > 0: pending |= Self.dot
            case UInt8(ascii: "("), UInt8(ascii: ")"): if groups > 0 { pending |= Self.parenthesis }
            default: break
            }
            inGroup = false
        }

        /// Ends the run at a byte that cannot be part of one; true when it could hold a phone
        /// number. The next run starts empty.
        mutating func end() -> Bool {
            let verdict = mayHoldPhoneNumber
            self = Run()
            return verdict
        }

        /// Whether the run so far could hold a phone number.
        var mayHoldPhoneNumber: Bool {
            guard digits >= 7 else { return false }
            if plus { return true }
            // One or two groups, or groups split by dots only (versions, IP addresses).
            guard groups >= 3, between & ~Self.dot != 0 else { return false }
            let isoDate = groups == 3 && groupLengths == (4, 2, 2) && between == Self.dash
            return !isoDate
        }
    }
}
