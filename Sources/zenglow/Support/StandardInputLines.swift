import Foundation

/// Lines of standard input as an async sequence, read on a thread of their own: `readLine` blocks,
/// and blocking a thread of Swift's cooperative pool would stall the segment timer beside it.
enum StandardInputLines {
    static func stream() -> AsyncStream<String> {
        AsyncStream { continuation in
            let thread = Thread {
                while let line = readLine(strippingNewline: true) { continuation.yield(line) }
                continuation.finish()
            }
            thread.name = "zenglow-stdin"
            thread.start()
        }
    }
}
