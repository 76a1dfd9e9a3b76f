import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A `zenglow spool …` child of the spool benchmark: spawned with `posix_spawn`, standard output
/// and error into files of `logFolder`, standard input from a pipe the benchmark writes (or
/// /dev/null), and reaped with `wait4` on a thread of its own, which gives its wall time and its
/// peak resident set (`ru_maxrss`) exactly, without polling.
final class SpoolChildProcess: @unchecked Sendable {
    /// How a child ended.
    struct Exit: Sendable {
        let status: Int32
        /// From spawn to exit.
        let seconds: Double
        /// The child's peak resident set size in bytes.
        let peakRSS: Int
    }

    let pid: pid_t
    let name: String
    let errorPath: String
    let outputPath: String
    private let inputLock = NSLock()
    private var inputFD: Int32
    private let exited: Task<Exit, Never>

    /// Starts `executable arguments` with `environment` added to this process's own.
    init(
        name: String, executable: String, arguments: [String], environment: [String: String], logFolder: String,
        withInput: Bool
    ) throws {
        self.name = name
        outputPath = "\(logFolder)/\(name).stdout"
        errorPath = "\(logFolder)/\(name).stderr"
        let output = open(outputPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let error = open(errorPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer {
            close(output)
            close(error)
        }
        guard output >= 0, error >= 0 else { throw BenchError("cannot create the logs of \(name) in \(logFolder)") }
        // Close-on-exec, so that no other child inherits the write end and keeps the pipe open
        // after the benchmark closes it (the producer would never see the end of its input).
        var pipeFDs: [Int32] = [-1, -1]
        if withInput {
            // pipe2 is not visible to Swift on Glibc; the benchmark spawns its children one at a time.
            guard pipe(&pipeFDs) == 0 else { throw BenchError("cannot make a pipe for \(name)") }
            for descriptor in pipeFDs { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if withInput {
            posix_spawn_file_actions_adddup2(&actions, pipeFDs[0], 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, error, 2)
        // Threads of this process block signals and a child inherits the mask: the worker must
        // hear SIGTERM. Children start with an empty mask and default handlers.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let environmentStrings = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { environmentStrings.forEach { free($0) } }
        var pid: pid_t = 0
        let started = ContinuousClock.now
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environmentStrings)
        if withInput { close(pipeFDs[0]) }
        guard spawned == 0 else {
            if withInput { close(pipeFDs[1]) }
            throw BenchError("cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        self.pid = pid
        let childPID = pid
        inputFD = withInput ? pipeFDs[1] : -1
        exited = Task {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    var status: Int32 = 0
                    var usage = rusage()
                    while wait4(childPID, &status, 0, &usage) < 0 && errno == EINTR {}
                    let elapsed = ContinuousClock.now - started
                    // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
                    let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                    continuation.resume(
                        returning: Exit(
                            status: code, seconds: Double(elapsed / .microseconds(1)) / 1e6,
                            peakRSS: Int(usage.ru_maxrss) * 1024))
                }
            }
        }
    }

    /// Writes `bytes` whole to the child's standard input.
    func write(_ bytes: [UInt8]) throws {
        try inputLock.withLock {
            guard inputFD >= 0 else { throw BenchError("\(name): standard input already closed") }
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes {
                    Glibc.write(inputFD, $0.baseAddress! + offset, bytes.count - offset)
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw BenchError("\(name): cannot write its input: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }

    /// Closes the child's standard input (it sees the end of its input).
    func closeInput() {
        inputLock.withLock {
            if inputFD >= 0 { close(inputFD) }
            inputFD = -1
        }
    }

    func signal(_ signal: Int32) { kill(pid, signal) }

    func wait() async -> Exit { await exited.value }

    /// Waits for the exit and throws, quoting the end of its standard error, unless it exited 0.
    func waitChecked() async throws -> Exit {
        let exit = await wait()
        guard exit.status == 0 else { throw BenchError("\(name) exited \(exit.status): \(errorTail())") }
        return exit
    }

    /// The last lines the child wrote to standard error.
    func errorTail(lines: Int = 5) -> String {
        let text = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    deinit { closeInput() }
}
