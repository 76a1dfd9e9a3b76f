import Foundation
import Logging
import Synchronization
import Testing
import ZenGlowKeys

@testable import ZenGlowAPI

@Suite("PII scrubbing of log lines")
struct PIIScrubberTests {
    @Test(
        "personal data and credentials are replaced",
        arguments: [
            ("mail jane.doe+rag@example.co.uk now", "mail [email] now"),
            ("call +1 (555) 010-9999 or 030 1234 5678", "call [phone] or [phone]"),
            ("Authorization: Bearer abc.DEF-123_x", "Authorization: Bearer [redacted]"),
            ("key zg_P7sqlGmsCZMY_1wIkD3iY0zBJcU00jt3VyAjL6qwriJ8nPQvEzILp_130257 used", "key [api-key] used"),
            ("openai sk-abcdefghijklmnop", "openai [secret]"),
            ("ring +44 20 7946 0958 or 555-010-9999", "ring [phone] or [phone]"),
        ])
    func scrubbed(input: String, expected: String) {
        #expect(PIIScrubber.scrub(input) == expected)
    }

    @Test("ordinary log text stays as it was")
    func untouched() {
        for line in [
            "request /rag/query 200 in 12.5 ms", "2026-11-23T19:36:37.022Z", "schema version 15",
            "tenant t1 batch b-42", "request id 46f5dbb5-04c5-4cbc-adeb-decca188ce8c",
            "listening on 127.0.0.1:18282", "took 1234567 ns", "host 10.20.30.40 port 55432",
            "version 2.19.3 and 15.20", "chunks 1000000 of 2026-11-23",
        ] {
            #expect(PIIScrubber.scrub(line) == line)
        }
    }

    @Test("the JSON log handler scrubs messages and metadata and omits query text")
    func handler() {
        let lines = LockedLines()
        var handler = JSONLogHandler(label: "test", sink: { lines.append($0) })
        handler.logLevel = .info
        let logger = Logging.Logger(label: "test") { _ in handler }
        logger.info(
            "user jane@example.org asked \"why\"\n\tagain",
            metadata: ["zg.header": "Bearer abcdef123", "zg.count": .stringConvertible(3)])
        let line = lines.all.joined()
        #expect(!line.contains("jane@example.org"))
        #expect(!line.contains("abcdef123"))
        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["msg"] as? String == "user [email] asked \"why\"\n\tagain", "one valid JSON object per line")
        #expect(object?["zg.count"] as? Int == 3)
        #expect(object?["zg.header"] as? String == "Bearer [redacted]")
        #expect((object?["ts"] as? String)?.count == 24)
    }
}

final class LockedLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
