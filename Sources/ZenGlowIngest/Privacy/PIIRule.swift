import Foundation

/// One pattern for personal data or a credential: the regular expression that finds it, what
/// replaces a match, and the ``PIIHints`` flag a text needs for the expression to run at all.
/// This list is the one home of the patterns: the log scrubber and the ingest scan both use it.
struct PIIRule: Sendable {
    let kind: PIIKind
    let expression: NSRegularExpression
    let replacement: String
    /// The necessary condition for a match, checked before the expression runs.
    let hint: PIIHints
    /// A further check of a match the expression cannot express; nil accepts every match.
    let accepts: (@Sendable (Substring) -> Bool)?

    /// The rules in the order they apply. A rule runs on the output of the ones before it, so a
    /// credential inside another (`Bearer eyJ…`) is replaced and counted once, by the first.
    static let all: [PIIRule] = [
        // Eight characters at least, and not a plain word: "the bearer of", "Bearer Authentication".
        rule(
            .token, #"(?i:\bbearer)\s+(?![A-Za-z][a-z]*(?![A-Za-z0-9._~+/=-]))[A-Za-z0-9._~+/=-]{8,}"#,
            "Bearer [redacted]", .bearer),
        rule(
            .token, #"\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*"#, "[token]", .jwt),
        rule(.token, #"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"#, "[aws-key]", .awsKey),
        rule(.apiKey, #"\bzg_[A-Za-z0-9]{4,}(?:_[A-Za-z0-9]+)*"#, "[api-key]", .zenGlowKey),
        // OpenAI-style sk-…, and Stripe's sk_live_… / pk_test_….
        rule(
            .apiKey, #"\b(?:sk|pk|rk)(?:-|_live_|_test_)[A-Za-z0-9_-]{8,}"#, "[secret]",
            .secretKey),
        rule(.email, #"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, "[email]", .email),
        // Runs of digits with the separators phone numbers are written with; whether a run is a
        // phone number is decided by PhoneNumber.isPhoneNumber.
        rule(
            .phone, #"(?<![\w.:/-])\+?\(?\d[\d ().-]{5,}\d(?![\w:/-])"#, "[phone]", .phone,
            accepts: {
                PhoneNumber.isPhoneNumber(Substring($0.trimmingCharacters(in: CharacterSet(charactersIn: " .-("))))
            }
        ),
    ]

    private static func rule(
        _ kind: PIIKind, _ pattern: String, _ replacement: String, _ hint: PIIHints,
        accepts: (@Sendable (Substring) -> Bool)? = nil
    ) -> PIIRule {
        // Every pattern is a literal that PIIScrubberTests exercises, so a typo fails the tests
        // at once rather than silently dropping a rule.
        let expression: NSRegularExpression
        do { expression = try NSRegularExpression(pattern: pattern) } catch {
            preconditionFailure("PII pattern \(pattern) does not compile: \(error)")
        }
        return PIIRule(kind: kind, expression: expression, replacement: replacement, hint: hint, accepts: accepts)
    }

    /// Replaces every accepted match in `text` and returns how many there were.
    func replaceMatches(in text: inout String) -> Int {
        let matches = expression.matches(in: text, range: NSRange(text.startIndex..., in: text))
        var replaced = 0
        // Back to front, so the ranges of the matches still to replace stay valid.
        for match in matches.reversed() {
            guard let range = Range(match.range, in: text) else { continue }
            if let accepts, !accepts(text[range]) { continue }
            text.replaceSubrange(range, with: replacement)
            replaced += 1
        }
        return replaced
    }
}
