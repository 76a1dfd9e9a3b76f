import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension RunningCommand {
    /// Whether the process still runs: a server that failed to start (its port taken) has exited,
    /// and waiting for it to answer is pointless.
    public var isRunning: Bool {
        // The reaper thread collects the process as soon as it exits, so a gone pid means exited.
        Glibc.kill(pid, 0) == 0
    }

    /// What the process has written to its standard error so far.
    public var standardErrorSoFar: String {
        (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
    }
}
