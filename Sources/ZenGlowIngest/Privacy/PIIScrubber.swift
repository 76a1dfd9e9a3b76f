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
        var result = text
        var findings = PIIFindings()
        for rule in PIIRule.all where mayMatch(rule, result) {
            findings[rule.kind] += rule.replaceMatches(in: &result)
        }
        return (result, findings)
    }

    /// Whether the UTF-8 text could hold anything ``redact(_:)`` replaces; false means it
    /// certainly holds nothing, decided without decoding the text or running an expression.
    public static func mayContainPII(_ utf8: [UInt8]) -> Bool {
        utf8.withUnsafeBufferPointer { bytes in PIIRule.all.contains { $0.mayMatch(bytes) } }
    }

    /// Whether `text` could hold anything ``redact(_:)`` replaces, by the same byte test.
    public static func mayContainPII(_ text: String) -> Bool {
        PIIRule.all.contains { mayMatch($0, text) }
    }

    private static func mayMatch(_ rule: PIIRule, _ text: String) -> Bool {
        var text = text
        // Native strings are contiguous UTF-8, so this borrows the bytes without copying.
        return text.withUTF8 { rule.mayMatch($0) }
    }
}
