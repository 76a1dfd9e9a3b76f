import AsyncHTTPClient
import Foundation
import Testing
import ZenGlowEmbedded
import ZenGlowTestSupport

@Suite("zenglow serve")
struct ServeCommandTests {
    @Test("--host and --port win over HTTP_HOST and HTTP_PORT; SIGTERM stops the server cleanly")
    func flagsWinOverTheEnvironment() async throws {
        let cli = try await CLITestDatabase.make()
        let flagPort = try #require(PortProbe.freePort())
        let environmentPort = try #require(PortProbe.freePort())
        let server = try ZenGlowExecutable.start(
            ["serve", "--host", "127.0.0.1", "--port", String(flagPort), "--env-file", "/nonexistent/.env"],
            environment: cli.environment.merging(["HTTP_HOST": "0.0.0.0", "HTTP_PORT": String(environmentPort)]) {
                $1
            })
        let answered = await Self.health(port: flagPort, within: .seconds(60))
        let outcome = await server.terminate()
        #expect(answered, "no answer on --port \(flagPort): \(outcome.standardError)")
        #expect(PortProbe.isFree(environmentPort), "HTTP_PORT was used although --port was given")
        #expect(outcome.status == 0, "\(outcome.standardError)")
    }

    @Test("a --port out of range is refused before anything starts")
    func badPort() async throws {
        let outcome = try await ZenGlowExecutable.run(["serve", "--port", "70000"])
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("--port must be from 0 to 65535"))
    }

    /// Whether `GET /health` answers 200 within `limit`.
    static func health(port: Int, within limit: Duration) async -> Bool {
        await eventually(within: limit, every: .milliseconds(100)) {
            let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/health")
            return (try? await HTTPClient.shared.execute(request, timeout: .seconds(2)))?.status == .ok
        }
    }
}
