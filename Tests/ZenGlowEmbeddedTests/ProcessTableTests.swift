import Foundation
import Testing
import ZenGlowEmbedded
import ZenGlowTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `down` waits on ProcessTable's rule and tests check the same rule; these pin the rule to what /proc shows.
@Suite("ProcessTable: a process runs until it has exited")
struct ProcessTableTests {
    // Lines /proc showed for real on this machine (kernel 6.18), verbatim.

    /// The postmaster after `pg_ctl stop` returned: memory released (empty cmdline, no vsize) but not yet a zombie.
    static let exitingPostmaster =
        "18441 (postgres) R 1 18441 18441 0 -1 4194316 11532 2947 0 0 0 9 1 1 20 0 1 0 56108 0 0 "
        + "18446744073709551615 0 0 0 0 0 0 1073347079 24129536 84487 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n"

    /// A program whose main thread called pthread_exit: /proc/PID/stat says zombie, cmdline is empty.
    static let zombieMainThread =
        "18600 (zl) Z 18599 18587 10521 0 -1 4227084 121 0 0 0 0 0 0 0 20 0 2 0 56780 0 0 "
        + "18446744073709551615 0 0 0 0 0 0 0 6 0 1 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
    /// Its other thread, still sleeping.
    static let liveSecondThread =
        "18601 (zl) S 18599 18587 10521 0 -1 4194368 3 0 0 0 0 0 0 0 20 0 2 0 56781 11059200 310 "
        + "18446744073709551615 94236717228032 94236717228449 140732734068224 0 0 0 0 6 0 1 0 0 -1 1 0 0 0 0 0 "
        + "94236717239760 94236717240360 94237018288128 140732734073575 140732734073580 140732734073580 "
        + "140732734074867 0\n"

    /// A folder laid out as /proc holding one process: `threads` maps each thread id to its stat line,
    /// the main thread's (id `pid`) doubling as the process's.
    private func withRecordedTable(
        pid: Int32, threads: [Int32: String], _ body: (ProcessTable) throws -> Void
    ) throws {
        let root = try TemporaryDirectory.make(prefix: "zenglow-proc")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let process = "\(root)/\(pid)"
        try FileManager.default.createDirectory(atPath: process, withIntermediateDirectories: true)
        try threads[pid, default: ""].write(toFile: process + "/stat", atomically: true, encoding: .utf8)
        try "".write(toFile: process + "/cmdline", atomically: true, encoding: .utf8)
        for (thread, stat) in threads {
            let task = "\(process)/task/\(thread)"
            try FileManager.default.createDirectory(atPath: task, withIntermediateDirectories: true)
            try stat.write(toFile: task + "/stat", atomically: true, encoding: .utf8)
        }
        try body(ProcessTable(root: root))
    }

    @Test("a process that has released its memory but is not yet a zombie still runs, though its cmdline is empty")
    func exitingProcessRuns() throws {
        try withRecordedTable(pid: 18441, threads: [18441: Self.exitingPostmaster]) { table in
            let process = try #require(table.process(18441))
            #expect(table.isRunning(process))
            #expect(throws: EmbeddedError.self) {
                try table.waitForExit(of: process, name: "PostgreSQL", log: "-", within: .milliseconds(100))
            }
        }
        let zombie = Self.exitingPostmaster.replacingOccurrences(of: ") R ", with: ") Z ")
        try withRecordedTable(pid: 18441, threads: [18441: zombie]) { table in
            #expect(table.process(18441) == nil)
            #expect(!table.isRunning(ProcessIdentity(pid: 18441, startTime: 56108)))
        }
    }

    @Test("a process whose main thread is a zombie runs while another thread does")
    func zombieMainThreadWithLiveThread() throws {
        try withRecordedTable(pid: 18600, threads: [18600: Self.zombieMainThread, 18601: Self.liveSecondThread]) {
            #expect($0.process(18600) == ProcessIdentity(pid: 18600, startTime: 56780))
        }
        try withRecordedTable(pid: 18600, threads: [18600: Self.zombieMainThread]) {
            #expect($0.process(18600) == nil)
        }
    }

    @Test("a real child runs; killed, it is a zombie and has exited; reaped, its pid names nothing")
    func childFromStartToReaped() throws {
        let pid = try ShellCommand("/bin/sleep", ["60"]).start()
        var reaped = false
        // Never signal a pid after reaping it: the kernel may have given it to someone else.
        defer {
            if !reaped {
                kill(pid, SIGKILL)
                waitpid(pid, nil, 0)
            }
        }
        let process = try #require(ProcessTable.system.process(pid))
        #expect(ProcessTable.system.isRunning(process))
        #expect(throws: EmbeddedError.self) {
            try ProcessTable.system.waitForExit(of: process, name: "sleep", log: "-", within: .milliseconds(100))
        }

        kill(pid, SIGKILL)
        // WNOWAIT returns once the child has exited but leaves it unreaped: the zombie an orphaned postmaster
        // stays while PID 1 takes its time.
        var info = siginfo_t()
        var waited: Int32
        repeat { waited = waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) } while waited < 0 && errno == EINTR
        try #require(waited == 0)
        #expect(try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8).contains("(sleep) Z "))
        #expect(!ProcessTable.system.isRunning(process))
        #expect(ProcessTable.system.process(pid) == nil)
        try ProcessTable.system.waitForExit(of: process, name: "sleep", log: "-", within: .seconds(1))

        #expect(waitpid(pid, nil, 0) == pid)
        reaped = true
        #expect(!ProcessTable.system.isRunning(process))
    }

    @Test("a pid given to a newer process does not bring the old process back")
    func reusedPid() throws {
        let pid = try ShellCommand("/bin/sleep", ["60"]).start()
        defer {
            kill(pid, SIGKILL)
            waitpid(pid, nil, 0)
        }
        let process = try #require(ProcessTable.system.process(pid))
        // What a server that has exited looks like once its pid names a newer process: same pid, other start.
        let earlier = ProcessIdentity(pid: pid, startTime: process.startTime &- 1)
        #expect(!ProcessTable.system.isRunning(earlier))
        #expect(ProcessTable.system.isRunning(process))
    }
}
