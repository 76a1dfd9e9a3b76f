import Foundation
import ZenGlowEmbedded

#if canImport(Glibc)
    import Glibc
#endif

/// A real Prometheus server (the `prometheus` of the machine, from scripts/bootstrap) of one
/// test's own: a fresh temporary folder for its configuration and storage, a free port on
/// 127.0.0.1. ``stop()`` ends it and deletes the folder; a watchdog process does the same once this
/// process ends, however it ends (a test that throws before `stop()` leaves it to the watchdog).
public final class TestPrometheus: Sendable {
    /// Where the server answers: `http://127.0.0.1:<port>`.
    public let url: String
    /// The configuration it was started with.
    public let configuration: String
    private let directory: String
    private let process: RunningCommand

    /// Starts `prometheus` on `configuration` (the text of a prometheus.yml).
    public init(configuration: String, executable: String = "/usr/bin/prometheus") throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw TestSupportError("\(executable) is missing: scripts/bootstrap installs the prometheus package")
        }
        directory = try TemporaryDirectory.make(prefix: "zenglow-prometheus")
        guard let port = PortProbe.freePort() else {
            throw TestSupportError("no free TCP port on 127.0.0.1 for a test Prometheus")
        }
        url = "http://127.0.0.1:\(port)"
        self.configuration = configuration
        try configuration.write(toFile: directory + "/prometheus.yml", atomically: true, encoding: .utf8)
        process = try RunningCommand(
            ShellCommand(
                executable,
                [
                    "--config.file=\(directory)/prometheus.yml", "--storage.tsdb.path=\(directory)/data",
                    "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
                ]))
        try Self.startWatchdog(pid: process.pid, directory: directory)
    }

    /// Stops the server (SIGTERM) and deletes its folder; what it logged.
    @discardableResult
    public func stop() async -> String {
        let outcome = await process.terminate()
        try? FileManager.default.removeItem(atPath: directory)
        return outcome.standardError
    }

    /// What it has logged so far (warnings and errors: a scrape or rule that failed).
    public var log: String {
        (try? String(contentsOfFile: process.errorPath, encoding: .utf8)) ?? ""
    }

    /// The project's deploy/prometheus/prometheus.yml made to run here: every target of the file
    /// replaced by the address `targets` gives for it (keyed by the file's own address, e.g.
    /// `127.0.0.1:8080`), scrapes and rule evaluations every `interval`, rule files by absolute path,
    /// and the Alertmanager address pointed at a port where nothing listens.
    public static func projectConfiguration(targets: [String: String], interval: String = "1s") throws -> String {
        let root = TestServers.repositoryRoot + "/deploy/prometheus"
        var text = try String(contentsOfFile: root + "/prometheus.yml", encoding: .utf8)
        var replacements = [
            "scrape_interval: 15s": "scrape_interval: \(interval)",
            "evaluation_interval: 15s": "evaluation_interval: \(interval)",
            "- rules/*.yml": "- \(root)/rules/*.yml",
            "127.0.0.1:9093": "127.0.0.1:\(PortProbe.freePort() ?? 1)",
        ]
        for (file, actual) in targets { replacements["\"\(file)\""] = "\"\(actual)\"" }
        for (original, replacement) in replacements {
            guard text.contains(original) else {
                throw TestSupportError("deploy/prometheus/prometheus.yml has no \(original) to replace")
            }
            text = text.replacingOccurrences(of: original, with: replacement)
        }
        return text
    }

    /// A detached shell that outlives this process: once this process is gone it kills the server
    /// and deletes the folder.
    private static func startWatchdog(pid: pid_t, directory: String) throws {
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 0.2; done
            kill -9 \(pid) 2>/dev/null
            rm -rf '\(directory)'
            """
        try ShellCommand("/bin/sh", ["-c", script]).spawnDetached()
    }
}
