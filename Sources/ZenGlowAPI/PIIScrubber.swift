import Foundation

/// Removes personal data and credentials from text bound for the logs: e-mail addresses, phone
/// numbers, ZenGlow API keys, bearer tokens and other `sk-…`-style secrets.
public enum PIIScrubber {
    private static let rules: [(NSRegularExpression, String)] = [
        (#"(?i)bearer\s+[A-Za-z0-9._~+/=-]+"#, "Bearer [redacted]"),
        (#"\bzg_[A-Za-z0-9]{4,}(?:_[A-Za-z0-9]+)*"#, "[api-key]"),
        (#"\b(?:sk|pk|rk)-[A-Za-z0-9_-]{8,}"#, "[secret]"),
        (#"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, "[email]"),
        // International or national numbers of 7 to 15 digits with the usual separators; ISO
        // dates and times (digits joined by - and :) are not phone numbers and stay.
        (#"(?<![\w.-])\+?\(?\d{1,4}\)?(?:[ .-]?\(?\d{2,4}\)?){2,5}(?![\w-])"#, "[phone]"),
    ].compactMap { pattern, replacement in
        // Every pattern is a literal covered by PIIScrubberTests, so none is ever dropped here.
        (try? NSRegularExpression(pattern: pattern)).map { ($0, replacement) }
    }

    /// `text` with every match replaced by a placeholder naming what was there.
    public static func scrub(_ text: String) -> String {
        guard text.contains(where: { $0 == "@" || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "B" || $0 == "b" })
        else { return text }
        var result = text
        for (expression, replacement) in rules {
            let range = NSRange(result.startIndex..., in: result)
            result = expression.stringByReplacingMatches(in: result, range: range, withTemplate: replacement)
        }
        return result
    }
}
