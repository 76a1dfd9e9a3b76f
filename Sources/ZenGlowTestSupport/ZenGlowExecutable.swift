import Foundation
import ZenGlowEmbedded

#if canImport(Glibc)
    import Glibc
#endif

/// The `zenglow` executable of this build, run as an operator runs it: for tests of the command
/// line itself (messages, exit codes, flags).
public enum ZenGlowExecutable {
    /// What a finished run printed and how it exited.
    public struct Outcome: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
    }

    /// The `zenglow` built beside the running test bundle (whatever the build folder).
    public static var path: String {
        let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent("zenglow").path
    }

    /// Runs `zenglow <arguments>` to completion with `environment` added to this process's own.
    public static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Outcome {
        let process = try start(arguments, environment: environment)
        return await process.waitForExit()
    }

    /// Runs `zenglow <arguments>` with `standardInput` as its stdin (through a file and the shell's
    /// redirection, so the command reads it to the end as from a pipe that closed).
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], standardInput: String
    ) async throws -> Outcome {
        let input = try TemporaryDirectory.make(prefix: "zenglow-stdin") + "/stdin"
        try standardInput.write(toFile: input, atomically: true, encoding: .utf8)
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.merging([
            "ZENGLOW_TEST_STDIN": input
        ]) { $1 }
        let command = ShellCommand(
            "/bin/sh", ["-c", #"exec "$0" "$@" < "$ZENGLOW_TEST_STDIN""#, path] + arguments, environment: variables)
        return await (try RunningCommand(command)).waitForExit()
    }

    /// Starts `zenglow <arguments>` and returns while it runs (a server).
    public static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> RunningCommand {
        try RunningCommand(
            ShellCommand(path, arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 }))
    }
}

/// A started process whose standard output and error go to temporary files. Spawned and reaped
/// with `posix_spawn` and `waitpid` (through ``ShellCommand``): Foundation's `Process` was seen to
/// miss a child's exit on Linux. The blocking `waitpid` runs on a thread of its own, never on the
/// concurrency pool.
public final class RunningCommand: Sendable {
    let pid: pid_t
    let outputPath: String
    let errorPath: String
    private let exited: Task<Int32, Never>

    init(_ command: ShellCommand) throws {
        let folder = NSTemporaryDirectory() + "zenglow-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        outputPath = folder + "/stdout"
        errorPath = folder + "/stderr"
        let output = open(outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let error = open(errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer {
            close(output)
            close(error)
        }
        let pid = try command.start(outputFD: output, errorFD: error)
        self.pid = pid
        exited = Task {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    var status: Int32 = 0
                    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                    // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
                    continuation.resume(returning: (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f))
                }
            }
        }
    }

    /// Waits for the process to exit; its status and what it printed.
    @discardableResult
    public func waitForExit() async -> ZenGlowExecutable.Outcome {
        let status = await exited.value
        return ZenGlowExecutable.Outcome(
            status: status,
            standardOutput: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
    }

    /// Kills the process outright (SIGKILL: no cleanup runs, as in a crash) and waits for it.
    @discardableResult
    public func kill() async -> ZenGlowExecutable.Outcome {
        Glibc.kill(pid, SIGKILL)
        return await waitForExit()
    }

    /// Asks the process to stop (SIGTERM: a graceful shutdown) and waits for it.
    @discardableResult
    public func terminate() async -> ZenGlowExecutable.Outcome {
        Glibc.kill(pid, SIGTERM)
        return await waitForExit()
    }
}
