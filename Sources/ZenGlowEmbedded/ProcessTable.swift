import Foundation

/// Reads /proc to tell a live server from a stale pid file whose pid was reused.
enum ProcessTable {
    /// The command line of a live process, or nil when no such process exists.
    static func commandLine(of pid: Int32) -> String? {
        guard pid > 0, let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else {
            return nil
        }
        return String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
    }

    /// True when `pid` is alive and its command line contains `marker`.
    static func isAlive(_ pid: Int32, running marker: String) -> Bool {
        commandLine(of: pid)?.contains(marker) ?? false
    }

    /// Waits up to 30 s for `pid` to exit (a zombie counts as gone), else throws naming the log.
    static func waitForExit(of pid: Int32, running marker: String, name: String, log: String) throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if !isAlive(pid, running: marker) { return }
            usleep(20_000)
        }
        throw EmbeddedError(.commandFailed, "\(name) (pid \(pid)) did not stop within 30 s; see \(log)")
    }

    /// The first line of a pid file as a pid.
    static func pid(inFile path: String) -> Int32? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let first = text.split(separator: "\n").first
        else { return nil }
        return Int32(first.trimmingCharacters(in: .whitespaces))
    }
}
