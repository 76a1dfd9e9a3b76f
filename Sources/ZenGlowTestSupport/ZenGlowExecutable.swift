import Foundation

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
        await process.waitForExit()
        return process.outcome()
    }

    /// Starts `zenglow <arguments>` and returns while it runs (a server).
    public static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> RunningCommand {
        try RunningCommand(path: path, arguments: arguments, environment: environment)
    }
}

/// A started `zenglow` process whose output goes to temporary files.
// Process is not Sendable, but what this type does with it (run, isRunning, terminate, the exit
// status after the termination handler ran) is safe from any thread.
public final class RunningCommand: @unchecked Sendable {
    let process: Process
    let outputFile: URL
    let errorFile: URL
    private let exited: AsyncStream<Void>

    init(path: String, arguments: [String], environment: [String: String]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zenglow-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        outputFile = folder.appendingPathComponent("stdout")
        errorFile = folder.appendingPathComponent("stderr")
        for file in [outputFile, errorFile] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = FileHandle.nullDevice
        let (exited, continuation) = AsyncStream.makeStream(of: Void.self)
        process.terminationHandler = { _ in continuation.finish() }
        self.exited = exited
        self.process = process
        try process.run()
    }

    /// Returns once the process has exited.
    public func waitForExit() async {
        for await _ in exited {}
    }

    /// Asks the process to stop (SIGTERM, a graceful shutdown) and waits for it.
    public func terminate() async {
        if process.isRunning { process.terminate() }
        await waitForExit()
    }

    /// Its exit status and output; call after it exited.
    public func outcome() -> ZenGlowExecutable.Outcome {
        ZenGlowExecutable.Outcome(
            status: process.terminationStatus,
            standardOutput: (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")
    }
}
