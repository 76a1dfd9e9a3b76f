import Testing

@testable import ZenGlowIngest

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
        // Dates, versions, addresses and counts are what documents are full of: they must not
        // send every chunk through the expressions.
        let prose =
            "The quick brown fox jumps over the lazy dog, 12 times on 2026-11-23 (version 2.19.3, host "
            + "10.20.30.40:5432, 1234567 ns); see section 4.2 and https://example.com/a-b."
        #expect(!PIIScrubber.mayContainPII(Array(prose.utf8)))
    }

    @Test("the byte pre-check never hides a match: random mixes redact the same with every rule run")
    func preCheckIsSound() {
        // Pieces of the things the rules look for, cut and mixed with their look-alikes.
        let pieces = [
            " ", "-", ".", "(", ")", "+", "0", "12", "345", "2026", "11", "7946", "@", "a", "x@", "example.org",
            "zg_", "abcd1234", "sk", "k-", "_live_", "_test_", "Bearer ", "bearer\t", "eyJ", "hbGciOiJIUzI1",
            "AKIA", "ASIA", "IOSFODNN7EXAMPLE", "word", "\n", ":", "/", "é", "_",
        ]
        var generator = SplitMix(seed: 13)
        var found = 0
        for _ in 0..<20_000 {
            let count = Int(generator.next() % 24) + 1
            let text = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let everyRule = PIIScrubber.redact(text, hints: .all)
            #expect(PIIScrubber.redact(text) == everyRule, "\(text)")
            found += everyRule.findings.total
        }
        #expect(found > 1000, "the mixes do hold findings")
    }
}

/// A small seeded generator, so a failing mix is the same on every run.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
