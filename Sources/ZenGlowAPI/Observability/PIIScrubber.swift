import Foundation

/// Removes personal data and credentials from text bound for the logs: e-mail addresses, phone
/// numbers, ZenGlow API keys, bearer tokens and other `sk-…`-style secrets.
public enum PIIScrubber {
    /// A pattern, what replaces its matches, and a cheap test that the text could hold a match at
    /// all (most log values hold none, and the regular expressions are the costly part).
    private struct Rule: Sendable {
        let expression: NSRegularExpression
        let replacement: String
        let mayMatch: @Sendable (String) -> Bool
    }

    private static let patterns: [(String, String, @Sendable (String) -> Bool)] = [
        (
            #"(?i)bearer\s+[A-Za-z0-9._~+/=-]+"#, "Bearer [redacted]",
            { $0.range(of: "bearer", options: .caseInsensitive) != nil }
        ),
        (#"\bzg_[A-Za-z0-9]{4,}(?:_[A-Za-z0-9]+)*"#, "[api-key]", { $0.contains("zg_") }),
        (#"\b(?:sk|pk|rk)-[A-Za-z0-9_-]{8,}"#, "[secret]", { $0.contains("k-") }),
        (#"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, "[email]", { $0.contains("@") }),
    ]

    private static let rules: [Rule] = patterns.compactMap { pattern, replacement, mayMatch in
        // Every pattern is a literal covered by PIIScrubberTests, so none is ever dropped here.
        (try? NSRegularExpression(pattern: pattern)).map {
            Rule(expression: $0, replacement: replacement, mayMatch: mayMatch)
        }
    }

    /// Runs of digits with the separators phone numbers are written with; whether a run is a
    /// phone number is decided by ``isPhoneNumber(_:)``.
    private static let phoneCandidate = try? NSRegularExpression(
        pattern: #"(?<![\w.:/-])\+?\(?\d[\d ().-]{5,}\d(?![\w:/-])"#)

    /// `text` with every match replaced by a placeholder naming what was there.
    public static func scrub(_ text: String) -> String {
        var result = text
        for rule in rules where rule.mayMatch(result) {
            let range = NSRange(result.startIndex..., in: result)
            result = rule.expression.stringByReplacingMatches(in: result, range: range, withTemplate: rule.replacement)
        }
        return scrubPhoneNumbers(result)
    }

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

    /// Whether some run of digits and phone separators holds 7 digits — false for nearly every
    /// log value (UUIDs, durations, routes), which then skip the regular expression.
    static func mayHoldPhoneNumber(_ text: String) -> Bool {
        var digits = 0
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39:
                digits += 1
                if digits >= 7 { return true }
            case UInt8(ascii: " "), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "+"), UInt8(ascii: "."),
                UInt8(ascii: "-"):
                continue
            default:
                digits = 0
            }
        }
        return false
    }

    private static func scrubPhoneNumbers(_ text: String) -> String {
        guard let phoneCandidate, mayHoldPhoneNumber(text) else { return text }
        var result = text
        let matches = phoneCandidate.matches(in: text, range: NSRange(text.startIndex..., in: text))
        for match in matches.reversed() {
            guard let range = Range(match.range, in: result) else { continue }
            let candidate = result[range].trimmingCharacters(in: CharacterSet(charactersIn: " .-("))
            if isPhoneNumber(Substring(candidate)) { result.replaceSubrange(range, with: "[phone]") }
        }
        return result
    }
}
