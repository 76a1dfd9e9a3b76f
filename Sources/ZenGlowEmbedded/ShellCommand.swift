import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A command line run to completion, its output captured through a file rather than a pipe.
///
/// Server tools such as `pg_ctl start` and `redis-server --daemonize yes` leave a daemon behind;
/// a daemon that inherited a pipe would keep it open forever and hang whoever reads it to the end.
/// The child is spawned and reaped with `posix_spawn` and `waitpid`: Foundation's `Process` on
/// Linux was seen to miss the exit of `runuser` and wait forever on a zombie.
public struct ShellCommand: Sendable {
    public let executable: String
    public let arguments: [String]
    /// The child's environment; nil inherits this process's.
    public let environment: [String: String]?

    /// What a finished command left behind.
    public struct Outcome: Sendable {
        public let status: Int32
        public let output: String
        public var succeeded: Bool { status == 0 }
    }

    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
    }

    /// The same command, run as `user` through `runuser` when this process is root.
    func asUser(_ user: SystemUser) -> ShellCommand {
        guard user.needsSwitch else { return self }
        return ShellCommand(
            "/usr/sbin/runuser", ["-u", user.name, "--", executable] + arguments, environment: environment)
    }

    public func run() throws -> Outcome {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw EmbeddedError(.commandMissing, "\(executable) is not installed; run scripts/bootstrap")
        }
        var template = Array((NSTemporaryDirectory() + "/zenglow-cmd-XXXXXX").utf8CString)
        let captureFD = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard captureFD >= 0 else {
            throw EmbeddedError(.commandFailed, "cannot create a temporary file: \(systemErrorText(errno))")
        }
        let capturePath = template.withUnsafeBufferPointer { String(validatingCString: $0.baseAddress!) } ?? ""
        defer {
            close(captureFD)
            unlink(capturePath)
        }

        let pid = try spawn(outputFD: captureFD, newSession: false)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: capturePath, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(status: exitCode, output: output)
    }

    /// Starts the command and returns its pid without waiting; output is discarded.
    /// The caller reaps it (`waitpid`) or lets it be reaped when this process ends.
    public func start() throws -> pid_t {
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        return try spawn(outputFD: devNull, newSession: false)
    }

    /// Starts the command with its standard output and error on the given descriptors (files the
    /// caller opened) and returns its pid without waiting; the caller reaps it.
    public func start(outputFD: Int32, errorFD: Int32) throws -> pid_t {
        try spawn(outputFD: outputFD, errorFD: errorFD, newSession: false)
    }

    /// Starts the command in a session of its own and returns without waiting: it outlives this process.
    public func spawnDetached() throws {
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        _ = try spawn(outputFD: devNull, newSession: true)
    }

    private func spawn(outputFD: Int32, errorFD: Int32? = nil, newSession: Bool) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 1)
        posix_spawn_file_actions_adddup2(&actions, errorFD ?? outputFD, 2)

        // Spawning threads (Dispatch workers among them) block signals, and a child inherits that mask:
        // a Redis started with SIGTERM blocked could never be stopped. Children start with a clean slate.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        // 0x80 is glibc's POSIX_SPAWN_SETSID, which Swift does not import.
        let flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | (newSession ? 0x80 : 0)
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let environmentStrings = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { environmentStrings?.forEach { free($0) } }
        let spawned: Int32
        if let environmentStrings {
            spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environmentStrings)
        } else {
            spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        }
        guard spawned == 0 else {
            throw EmbeddedError(.commandFailed, "cannot run \(executable): \(systemErrorText(spawned))")
        }
        return pid
    }

    /// Runs and throws a `commandFailed` error carrying the tool's own output when it fails.
    @discardableResult
    public func runChecked(_ what: String) throws -> Outcome {
        let outcome = try run()
        guard outcome.succeeded else {
            let detail = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
            throw EmbeddedError(.commandFailed, "\(what) failed (exit \(outcome.status)): \(detail)")
        }
        return outcome
    }
}
