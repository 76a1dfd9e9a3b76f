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

    /// Whether some run of digits and phone separators holds `digits` digits — false for nearly
    /// every log value (UUIDs, durations, routes), which then skip the regular expression.
    static func mayHoldPhoneNumber(_ bytes: UnsafeBufferPointer<UInt8>, digits needed: Int) -> Bool {
        var digits = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if digits >= needed { return true }
            case UInt8(ascii: " "), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "+"), UInt8(ascii: "."),
                UInt8(ascii: "-"):
                continue
            default:
                digits = 0
            }
        }
        return false
    }
}
