import Foundation
import Logging
import Synchronization
import Testing

@testable import ZenGlowAPI

@Suite("JSON log lines")
struct JSONLogHandlerTests {
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
