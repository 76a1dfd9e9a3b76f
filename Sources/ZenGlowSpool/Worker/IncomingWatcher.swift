import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Wakes the worker when a file arrives in `incoming/`: through inotify (a rename into the folder,
/// a file closed after writing) where the system has it, by listing the folder every
/// SPOOL_POLL_INTERVAL otherwise. With inotify the folder is still listed every few seconds as a
/// backstop (back-offs that end, an event queue that overflowed).
final class IncomingWatcher: @unchecked Sendable {
    let usesInotify: Bool
    private let signal = WakeSignal()
    private let descriptor: Int32
    private let pollInterval: Duration
    private let stopped = NSLock()
    private var isStopped = false

    init(folder: String, pollInterval: Duration, logger: Logger) {
        self.pollInterval = pollInterval
        let descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        let mask = UInt32(IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB)
        if descriptor >= 0 && inotify_add_watch(descriptor, folder, mask) >= 0 {
            self.descriptor = descriptor
            usesInotify = true
        } else {
            logger.notice(
                "inotify is unavailable; listing incoming/ instead",
                metadata: [
                    "zg.error": "\(String(cString: strerror(errno)))",
                    "zg.poll_ms": "\(Int(pollInterval / .milliseconds(1)))",
                ])
            if descriptor >= 0 { close(descriptor) }
            self.descriptor = -1
            usesInotify = false
        }
        if usesInotify {
            let thread = Thread { [self] in self.readEvents() }
            thread.name = "zenglow-spool-inotify"
            thread.start()
        }
    }

    deinit { stop() }

    /// Returns when a file may have arrived, or after `timeout` (capped by the polling interval
    /// without inotify, and by a 5 s backstop with it).
    func wait(upTo timeout: Duration) async {
        let limit = usesInotify ? min(timeout, .seconds(5)) : min(timeout, pollInterval)
        _ = await signal.wait(upTo: max(limit, .milliseconds(1)))
    }

    /// Ends a wait early (a shutdown).
    func wake() { signal.signal() }

    func stop() {
        stopped.withLock { isStopped = true }
    }

    private func readEvents() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !stopped.withLock({ isStopped }) {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 500)
            guard ready > 0 else { continue }
            // Drained, not parsed: any event in incoming/ means "list it again".
            while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
            signal.signal()
        }
        close(descriptor)
    }
}
