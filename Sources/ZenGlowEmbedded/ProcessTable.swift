import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads /proc: the one place that decides whether a process still runs.
///
/// A process runs until it has exited, whether or not it has been reaped. Between releasing its memory
/// and becoming a zombie an exiting process shows an empty command line while `stat` still says R or D
/// (the postmaster was seen so for 8 ms); judging by the command line called it gone too early. Once a
/// zombie (Z, or X while being released) it holds no files, sockets or memory and never runs again, and
/// the reaper may take its time: PID 1 in a container may not reap orphans promptly.
public struct ProcessTable: Sendable {
    /// This machine's processes.
    public static let system = ProcessTable(root: "/proc")

    /// The folder read as /proc; tests point it at a copy of what /proc showed at an awkward moment.
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// The process `pid` names while it runs, or nil when it has exited or never existed.
    public func process(_ pid: Int32) -> ProcessIdentity? {
        guard pid > 0, let leader = stat(of: "\(pid)") else { return nil }
        let process = ProcessIdentity(pid: pid, startTime: leader.startTime)
        return isRunning(process) ? process : nil
    }

    /// True until `process` has exited; a zombie has exited, and so has a pid now given to a newer process.
    public func isRunning(_ process: ProcessIdentity) -> Bool {
        guard let leader = stat(of: "\(process.pid)"), leader.startTime == process.startTime else { return false }
        if !Self.hasExited(leader.state) { return true }
        // The main thread can be a zombie while other threads still run: mid exit_group, or after it called
        // pthread_exit. The process keeps its files and sockets until the last thread has exited.
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(process.pid)/task")) ?? []
        return threads.contains { thread in
            guard let state = stat(of: "\(process.pid)/task/\(thread)")?.state else { return false }
            return !Self.hasExited(state)
        }
    }

    /// The process `pid` names while it runs and its command line contains `marker`: a pid file may name
    /// a pid the kernel has since given to some other program.
    func process(_ pid: Int32, commandContaining marker: String) -> ProcessIdentity? {
        guard let process = process(pid), commandLine(of: pid)?.contains(marker) == true else { return nil }
        return process
    }

    /// Waits up to `timeout` for `process` to exit, else throws naming the log.
    public func waitForExit(
        of process: ProcessIdentity, name: String, log: String, within timeout: Duration = .seconds(30)
    ) throws {
        let deadline = ContinuousClock.now + timeout
        while isRunning(process) {
            guard ContinuousClock.now < deadline else {
                throw EmbeddedError(
                    .commandFailed, "\(name) (pid \(process.pid)) did not stop within \(timeout); see \(log)")
            }
            usleep(20_000)
        }
    }

    /// The command line of `pid` with arguments joined by spaces; empty once the process is exiting.
    func commandLine(of pid: Int32) -> String? {
        guard pid > 0, let data = FileManager.default.contents(atPath: "\(root)/\(pid)/cmdline") else { return nil }
        return String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
    }

    /// The first line of a pid file as a pid.
    static func pid(inFile path: String) -> Int32? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let first = text.split(separator: "\n").first
        else { return nil }
        return Int32(first.trimmingCharacters(in: .whitespaces))
    }

    /// Z: exited, not yet reaped. X: being reaped right now.
    private static func hasExited(_ state: Character) -> Bool {
        state == "Z" || state == "X"
    }

    /// State and start time from `<root>/<path>/stat`, or nil when there is no such process (or thread).
    private func stat(of path: String) -> (state: Character, startTime: UInt64)? {
        guard let data = FileManager.default.contents(atPath: "\(root)/\(path)/stat") else { return nil }
        // The command name (field 2) may hold spaces and parentheses, so fields count after the last ')'.
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let state = fields[0].first, let startTime = UInt64(fields[19]) else { return nil }
        return (state, startTime)
    }
}
