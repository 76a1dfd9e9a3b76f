import Foundation
import ZenGlowIngest

/// Query text as `query_performance.query_text` may hold it (`LOG_QUERY_TEXT=true` only): URLs
/// become `[url]`, e-mail addresses `[email]`, runs of 4 or more digits, also written with the
/// separators of phone and card numbers (`+44 20 7946 0958`, `(555) 123-4567`), `[number]`, the
/// credentials ``PIIScrubber`` knows (API keys, bearer tokens, secrets) its placeholders, control
/// characters a space; then it is cut to ``limit`` characters.
enum QueryTextScrubber {
    /// What the column may hold, in Unicode scalars (PostgreSQL's characters).
    static let limit = 2000

    static func scrub(_ text: String) -> String {
        var result = replacing(url, in: text, with: "[url]")
        // Credentials, then e-mail addresses and phone numbers the log scrubber's way; a phone
        // number is a number here.
        result = PIIScrubber.scrub(result).replacingOccurrences(of: "[phone]", with: "[number]")
        // A backstop for addresses the log scrubber's ASCII pattern misses (jöns@exämple.se).
        result = replacing(email, in: result, with: "[email]")
        result = replacing(number, in: result, with: "[number]") { match in
            match.unicodeScalars.filter { CharacterSet.decimalDigits.contains($0) }.count >= 4
        }
        var scalars = String.UnicodeScalarView()
        for scalar in result.unicodeScalars.prefix(limit) {
            // NUL cannot be stored in PostgreSQL text at all, and none of them belongs in an analyst's table.
            scalars.append(scalar.properties.generalCategory == .control ? " " : scalar)
        }
        return String(scalars)
    }

    /// A scheme (`https://`, `ftp://`, …) or `www.`, up to the next space; a trailing full stop,
    /// comma or closing bracket is the sentence's, not the URL's.
    private static let url = expression(#"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>"]*[^\s<>".,;:!?)\]']"#)
    private static let email = expression(#"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+"#)
    /// Digit groups joined by at most two of the separators numbers are written with.
    private static let number = expression(#"\+?\(?\d+(?:[ .\-/()]{1,2}\d+)*"#)

    private static func expression(_ pattern: String) -> NSRegularExpression {
        // Literals above, exercised by QueryRecordTests: a typo fails there at once.
        do { return try NSRegularExpression(pattern: pattern) } catch {
            preconditionFailure("query text pattern \(pattern) does not compile: \(error)")
        }
    }

    /// `text` with every match of `expression` that `accepts` replaced by `replacement`.
    private static func replacing(
        _ expression: NSRegularExpression, in text: String, with replacement: String,
        accepts: (Substring) -> Bool = { _ in true }
    ) -> String {
        var result = text
        let matches = expression.matches(in: text, range: NSRange(text.startIndex..., in: text))
        // Back to front, so the ranges still to replace stay valid.
        for match in matches.reversed() {
            guard let range = Range(match.range, in: result), accepts(result[range]) else { continue }
            result.replaceSubrange(range, with: replacement)
        }
        return result
    }
}
