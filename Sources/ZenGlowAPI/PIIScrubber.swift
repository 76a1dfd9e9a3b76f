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
        // International or national numbers of 7 to 15 digits with the usual separators; ISO
        // dates and times (digits joined by - and :) are not phone numbers and stay.
        (
            #"(?<![\w.-])\+?\(?\d{1,4}\)?(?:[ .-]?\(?\d{2,4}\)?){2,5}(?![\w-])"#, "[phone]",
            { $0.utf8.lazy.filter { $0 >= 0x30 && $0 <= 0x39 }.count >= 7 }
        ),
    ]

    private static let rules: [Rule] = patterns.compactMap { pattern, replacement, mayMatch in
        // Every pattern is a literal covered by PIIScrubberTests, so none is ever dropped here.
        (try? NSRegularExpression(pattern: pattern)).map {
            Rule(expression: $0, replacement: replacement, mayMatch: mayMatch)
        }
    }

    /// `text` with every match replaced by a placeholder naming what was there.
    public static func scrub(_ text: String) -> String {
        var result = text
        for rule in rules where rule.mayMatch(result) {
            let range = NSRange(result.startIndex..., in: result)
            result = rule.expression.stringByReplacingMatches(in: result, range: range, withTemplate: rule.replacement)
        }
        return result
    }
}
