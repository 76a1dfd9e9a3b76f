import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One pattern for personal data or a credential: the regular expression that finds it, what
/// replaces a match, and a cheap test on the raw bytes that the text could hold a match at all.
/// This list is the one home of the patterns: the log scrubber and the ingest scan both use it.
struct PIIRule: Sendable {
    /// A necessary condition for a match, checked on UTF-8 bytes before the regular expression
    /// runs: nearly every log value and most chunks fail all of them, and the expressions (which
    /// work on UTF-16 copies of the text) are the costly part.
    enum Hint: Sendable {
        /// One of these ASCII strings (as bytes) occurs.
        case substring([[UInt8]])
        /// This lower-case ASCII string (as bytes) occurs in any letter case.
        case substringIgnoringCase([UInt8])
        /// Some run of digits and phone separators (space ( ) + . -) holds this many digits.
        case digitRun(Int)

        static func anyOf(_ needles: String...) -> Hint { .substring(needles.map { Array($0.utf8) }) }
        static func anyCase(_ needle: String) -> Hint { .substringIgnoringCase(Array(needle.lowercased().utf8)) }
    }

    let kind: PIIKind
    let expression: NSRegularExpression
    let replacement: String
    let hint: Hint
    /// A further check of a match the expression cannot express; nil accepts every match.
    let accepts: (@Sendable (Substring) -> Bool)?

    /// The rules in the order they apply. A rule runs on the output of the ones before it, so a
    /// credential inside another (`Bearer eyJ…`) is replaced and counted once, by the first.
    static let all: [PIIRule] = [
        // Eight characters at least, and not a plain word: "the bearer of", "Bearer Authentication".
        rule(
            .token, #"(?i:\bbearer)\s+(?![A-Za-z][a-z]*(?![A-Za-z0-9._~+/=-]))[A-Za-z0-9._~+/=-]{8,}"#,
            "Bearer [redacted]", .anyCase("bearer")),
        rule(
            .token, #"\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*"#, "[token]",
            .anyOf("eyJ")),
        rule(.token, #"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"#, "[aws-key]", .anyOf("AKIA", "ASIA")),
        rule(.apiKey, #"\bzg_[A-Za-z0-9]{4,}(?:_[A-Za-z0-9]+)*"#, "[api-key]", .anyOf("zg_")),
        // OpenAI-style sk-…, and Stripe's sk_live_… / pk_test_….
        rule(
            .apiKey, #"\b(?:sk|pk|rk)(?:-|_live_|_test_)[A-Za-z0-9_-]{8,}"#, "[secret]",
            .anyOf("k-", "k_live_", "k_test_")),
        rule(.email, #"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, "[email]", .anyOf("@")),
        // Runs of digits with the separators phone numbers are written with; whether a run is a
        // phone number is decided by PhoneNumber.isPhoneNumber.
        rule(
            .phone, #"(?<![\w.:/-])\+?\(?\d[\d ().-]{5,}\d(?![\w:/-])"#, "[phone]", .digitRun(7),
            accepts: {
                PhoneNumber.isPhoneNumber(Substring($0.trimmingCharacters(in: CharacterSet(charactersIn: " .-("))))
            }
        ),
    ]

    private static func rule(
        _ kind: PIIKind, _ pattern: String, _ replacement: String, _ hint: Hint,
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

    /// Whether the text could hold a match (false means it certainly holds none).
    func mayMatch(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch hint {
        case .substring(let needles):
            return needles.contains { Self.find($0, in: bytes) }
        case .substringIgnoringCase(let needle):
            return Self.findIgnoringCase(needle, in: bytes)
        case .digitRun(let digits):
            return PhoneNumber.mayHoldPhoneNumber(bytes, digits: digits)
        }
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

    private static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, let first = needle.first, needle.count <= bytes.count else {
            return false
        }
        var start = 0
        let lastStart = bytes.count - needle.count
        // memchr finds the first byte far faster than a Swift loop over a kilobyte of prose.
        while start <= lastStart,
            let hit = memchr(base + start, Int32(first), lastStart - start + 1)
        {
            let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if needle.indices.dropFirst().allSatisfy({ bytes[offset + $0] == needle[$0] }) { return true }
            start = offset + 1
        }
        return false
    }

    private static func findIgnoringCase(_ lowercaseNeedle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !lowercaseNeedle.isEmpty, lowercaseNeedle.count <= bytes.count else { return false }
        let lastStart = bytes.count - lowercaseNeedle.count
        var start = 0
        while start <= lastStart {
            if lowercased(bytes[start]) == lowercaseNeedle[0],
                lowercaseNeedle.indices.dropFirst().allSatisfy({ lowercased(bytes[start + $0]) == lowercaseNeedle[$0] })
            {
                return true
            }
            start += 1
        }
        return false
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
