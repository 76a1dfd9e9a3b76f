import Foundation

/// Finds and replaces personal data and credentials in text: e-mail addresses, phone numbers,
/// ZenGlow API keys and `sk-…`-style secrets, bearer tokens, JWTs and AWS access key ids. The API
/// scrubs log lines with it; the spool worker counts, redacts or refuses chunks with it.
public enum PIIScrubber {
    /// `text` with every match replaced by a placeholder naming what was there (`[email]`,
    /// `[phone]`, `[api-key]`, `[secret]`, `Bearer [redacted]`, `[token]`, `[aws-key]`).
    public static func scrub(_ text: String) -> String {
        redact(text).text
    }

    /// `text` with every match replaced, and how many matches of each kind there were.
    public static func redact(_ text: String) -> (text: String, findings: PIIFindings) {
        redact(text, hints: hints(text))
    }

    /// `redact(_:)` running only the rules `hints` allows; tests pass every hint to check that
    /// the hints never skip a match.
    static func redact(_ text: String, hints: PIIHints) -> (text: String, findings: PIIFindings) {
        // The hints of the original text hold for every intermediate result too: a placeholder
        // never holds a later rule's trigger (an @, a digit, zg_, …).
        guard !hints.isEmpty else { return (text, PIIFindings()) }
        var result = text
        var findings = PIIFindings()
        for rule in PIIRule.all where hints.contains(rule.hint) {
            findings[rule.kind] += rule.replaceMatches(in: &result)
        }
        return (result, findings)
    }

    /// Whether the UTF-8 text could hold anything ``redact(_:)`` replaces; false means it
    /// certainly holds nothing, decided in one pass over the bytes without decoding them.
    public static func mayContainPII(_ utf8: [UInt8]) -> Bool {
        !utf8.withUnsafeBufferPointer(PIIHints.scan).isEmpty
    }

    /// Whether `text` could hold anything ``redact(_:)`` replaces, by the same test.
    public static func mayContainPII(_ text: String) -> Bool {
        !hints(text).isEmpty
    }

    private static func hints(_ text: String) -> PIIHints {
        var text = text
        // Native strings are contiguous UTF-8, so this borrows the bytes without copying.
        return text.withUTF8(PIIHints.scan)
    }
}
