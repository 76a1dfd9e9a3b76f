import AsyncHTTPClient
import Foundation
import Testing
import ZenGlowEmbedded
import ZenGlowTestSupport

/// A `zenglow serve` process on a free loopback port, as an operator starts it, with `environment`
/// added to this process' own.
struct TracedServer {
    let port: Int
    let process: RunningCommand

    static func start(environment: [String: String]) async throws -> TracedServer {
        let port = try #require(PortProbe.freePort())
        let process = try ZenGlowExecutable.start(
            ["serve", "--host", "127.0.0.1", "--port", String(port), "--env-file", "/nonexistent/.env"],
            environment: environment)
        let server = TracedServer(port: port, process: process)
        let up = await eventually(within: .seconds(120), every: .milliseconds(100)) {
            let request = HTTPClientRequest(url: server.url + "/health")
            return (try? await HTTPClient.shared.execute(request, timeout: .seconds(2)))?.status == .ok
        }
        guard up else {
            let outcome = await process.kill()
            throw TracingTestFailure("zenglow serve did not answer on \(port): \(outcome.standardOutput.suffix(2000))")
        }
        return server
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// Stops it gracefully (SIGTERM flushes the exporter) and returns its JSON log lines.
    func stop() async -> [[String: Any]] {
        let outcome = await process.terminate()
        return outcome.standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }
}

struct TracingTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
