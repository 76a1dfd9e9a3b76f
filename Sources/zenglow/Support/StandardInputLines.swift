import Foundation

/// Lines of standard input as an async sequence, read on a thread of their own: `readLine` blocks,
/// and blocking a thread of Swift's cooperative pool would stall the segment timer beside it. The
/// reader stays at most `ahead` lines ahead of the consumer, so a fast producer cannot fill memory.
final class StandardInputLines: AsyncSequence, @unchecked Sendable {
    typealias Element = String

    private let stream: AsyncStream<String>
    private let room: Room

    init(ahead: Int = 64) {
        let room = Room(ahead)
        self.room = room
        stream = AsyncStream { continuation in
            let thread = Thread {
                while true {
                    room.wait()
                    guard let line = readLine(strippingNewline: true) else { break }
                    continuation.yield(line)
                }
                continuation.finish()
            }
            thread.name = "zenglow-stdin"
            thread.start()
        }
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var lines: AsyncStream<String>.AsyncIterator
        let room: Room

        mutating func next() async -> String? {
            guard let line = await lines.next() else { return nil }
            room.signal()
            return line
        }
    }

    /// How many more lines the reader may read ahead. (A DispatchSemaphore would do, but
    /// libdispatch traps when one is released below its initial value, as this one is at the end.)
    final class Room: @unchecked Sendable {
        private let condition = NSCondition()
        private var free: Int

        init(_ free: Int) { self.free = free }

        func wait() {
            condition.lock()
            while free == 0 { condition.wait() }
            free -= 1
            condition.unlock()
        }

        func signal() {
            condition.lock()
            free += 1
            condition.signal()
            condition.unlock()
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(lines: stream.makeAsyncIterator(), room: room)
    }
}
