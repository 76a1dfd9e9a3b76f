import AsyncHTTPClient
import Foundation
import ZenGlowEmbedded
import ZenGlowTestSupport

/// A `zenglow` process that serves HTTP on 127.0.0.1 (`serve`, `spool run`, `maintain run`) on
/// a port found free at run time.
struct LoopbackServer {
    let process: RunningCommand
    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }

    /// Starts `zenglow <arguments>` with `portVariable` set to a free port, and returns once
    /// `GET readyPath` answers 200. A free port can be taken by another server of the test run
    /// before this one binds it; the process then exits and is started again on another.
    static func start(
        _ arguments: [String], environment: [String: String], portVariable: String, readyPath: String,
        within limit: Duration = .seconds(180)
    ) async throws -> LoopbackServer {
        var lastError = ""
        for _ in 1...5 {
            guard let port = PortProbe.freePort() else { throw TestSupportError("no free port on 127.0.0.1") }
            let process = try ZenGlowExecutable.start(
                arguments, environment: environment.merging([portVariable: String(port)]) { $1 })
            var exited = false
            let ready = await eventually(within: limit, every: .milliseconds(100)) {
                exited = !process.isRunning
                if exited { return true }
                let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(readyPath)")
                return (try? await HTTPClient.shared.execute(request, timeout: .seconds(2)))?.status == .ok
            }
            if ready && !exited { return LoopbackServer(process: process, port: port) }
            lastError = (await process.terminate()).standardError
            guard exited else { break }
        }
        throw TestSupportError("zenglow \(arguments.joined(separator: " ")) did not answer \(readyPath): \(lastError)")
    }

    /// SIGTERM, and what it printed.
    @discardableResult
    func stop() async -> ZenGlowExecutable.Outcome {
        await process.terminate()
    }

    /// The sample names of its `GET /metrics` (a histogram's `_bucket`, `_sum` and `_count`).
    func metricNames(path: String = "/metrics") async throws -> Set<String> {
        let text = String(decoding: try await PrometheusAPI.get(url + path), as: UTF8.self)
        return Set(
            text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap {
                $0.split(whereSeparator: { $0 == "{" || $0 == " " }).first.map(String.init)
            })
    }
}
