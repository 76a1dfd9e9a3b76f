import Foundation

/// The peak private memory (RssAnon) of a CREATE INDEX while it runs: the backend building it
/// and its parallel workers, found by their process titles in /proc and sampled every 200 ms on
/// a thread of its own (the build runs in a child psql the benchmark waits for). Shared buffers
/// are not counted: they are the server's whatever it does.
final class IndexBuildMemory: @unchecked Sendable {
    private let database: String
    private let lock = NSLock()
    private var peakKilobytes = 0
    private var running = true
    private var thread: Thread?

    init(database: String) {
        self.database = database
    }

    func start() {
        let thread = Thread { [self] in
            while lock.withLock({ running }) {
                let sample = sampleKilobytes()
                lock.withLock { peakKilobytes = max(peakKilobytes, sample) }
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
        self.thread = thread
        thread.start()
    }

    /// Stops sampling; the peak in MiB.
    func stop() -> Double {
        lock.withLock { running = false }
        Thread.sleep(forTimeInterval: 0.3)
        return lock.withLock { Double(peakKilobytes) / 1024 }
    }

    private func sampleKilobytes() -> Int {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return 0 }
        var leaders: [String] = []
        var titles: [(pid: String, title: String)] = []
        for pid in entries where pid.allSatisfy(\.isNumber) {
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                let title = String(data: data, encoding: .utf8), title.hasPrefix("postgres: ")
            else { continue }
            titles.append((pid, title))
            if title.contains(database) && title.contains("CREATE INDEX") { leaders.append(pid) }
        }
        var total = 0
        for (pid, title) in titles
        where leaders.contains(pid) || leaders.contains(where: { title.contains("parallel worker for PID \($0)") }) {
            total += anonymousKilobytes(pid)
        }
        return total
    }

    private func anonymousKilobytes(_ pid: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("RssAnon:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        return 0
    }
}
