import Testing
import ZenGlowIngest

@Suite("PII scrubbing")
struct PIIScrubberTests {
    @Test(
        "personal data and credentials are replaced",
        arguments: [
            ("mail jane.doe+rag@example.co.uk now", "mail [email] now"),
            ("call +1 (555) 010-9999 or 030 1234 5678", "call [phone] or [phone]"),
            ("Authorization: Bearer abc.DEF-123_x", "Authorization: Bearer [redacted]"),
            ("key zg_P7sqlGmsCZMY_1wIkD3iY0zBJcU00jt3VyAjL6qwriJ8nPQvEzILp_130257 used", "key [api-key] used"),
            ("openai sk-abcdefghijklmnop", "openai [secret]"),
            ("stripe sk_live_51H8abcdEFGHijkl and pk_test_TYooMQauvdEDq54N", "stripe [secret] and [secret]"),
            ("ring +44 20 7946 0958 or 555-010-9999", "ring [phone] or [phone]"),
            (
                "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end",
                "jwt [token] end"
            ),
            ("aws AKIAIOSFODNN7EXAMPLE here", "aws [aws-key] here"),
            ("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig", "Bearer [redacted]"),
        ])
    func scrubbed(input: String, expected: String) {
        #expect(PIIScrubber.scrub(input) == expected)
    }

    @Test("ordinary text stays as it was")
    func untouched() {
        for line in [
            "request /rag/query 200 in 12.5 ms", "2026-11-23T19:36:37.022Z", "schema version 15",
            "tenant t1 batch b-42", "request id 46f5dbb5-04c5-4cbc-adeb-decca188ce8c",
            "listening on 127.0.0.1:18282", "took 1234567 ns", "host 10.20.30.40 port 55432",
            "version 2.19.3 and 15.20", "chunks 1000000 of 2026-11-23",
            "the bearer of bad news", "the Bearer Authentication scheme", "a desk-organiser",
            "ASIAN markets", "eyJ alone",
        ] {
            #expect(PIIScrubber.scrub(line) == line)
        }
    }

    @Test("redact counts each kind once per match, a token inside a bearer header once")
    func counted() {
        let (text, findings) = PIIScrubber.redact(
            "a@example.org, b@example.org, +44 20 7946 0958, zg_abcd1234, sk-abcdefghijkl, "
                + "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig, AKIAIOSFODNN7EXAMPLE")
        #expect(text == "[email], [email], [phone], [api-key], [secret], Bearer [redacted], [aws-key]")
        #expect(findings == PIIFindings(emails: 2, phones: 1, apiKeys: 2, tokens: 2))
        #expect(findings.total == 7)
    }

    @Test("the byte pre-check passes every text with a finding and fails plain prose")
    func preCheck() {
        for text in ["x@y.io", "+1 555 010 9999", "zg_abcd", "sk-12345678", "BEARER abcdefgh1", "eyJ", "AKIA"] {
            #expect(PIIScrubber.mayContainPII(Array(text.utf8)), "\(text)")
        }
        let prose = "The quick brown fox jumps over the lazy dog, 12 times in 2026; see section 4.2."
        #expect(!PIIScrubber.mayContainPII(Array(prose.utf8)))
    }
}
