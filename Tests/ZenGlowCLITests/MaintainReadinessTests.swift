import AsyncHTTPClient
import Foundation
import Testing
import ZenGlowEmbedded
import ZenGlowTestSupport

@Suite("maintenance scheduler in /health/ready")
struct MaintainReadinessTests {
    static func maintenance(port: Int) async -> [String: Any]? {
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/health/ready")
        guard let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(5)),
            let body = try? await response.body.collect(upTo: 1 << 20),
            let json = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
        else { return nil }
        return json["maintenance"] as? [String: Any]
    }

    @Test("/health/ready names the active scheduler: none before any run, then the newest run's")
    func showsTheScheduler() async throws {
        let cli = try await CLITestDatabase.make()
        let port = try #require(PortProbe.freePort())
        let server = try ZenGlowExecutable.start(
            ["serve", "--host", "127.0.0.1", "--port", String(port), "--env-file", "/nonexistent/.env"],
            environment: cli.environment)
        var before: [String: Any]?
        let answered = await eventually(within: .seconds(60), every: .milliseconds(200)) {
            before = await Self.maintenance(port: port)
            return before != nil
        }
        _ = try await cli.value("select zenglow.run_maintenance('service')::text")
        let after = await Self.maintenance(port: port)
        let outcome = await server.terminate()
        #expect(answered, "\(outcome.standardError)")
        #expect(before?["scheduler"] as? String == "none")
        #expect((before?["detail"] as? String)?.hasPrefix("none (maintenance never ran)") == true, "\(before ?? [:])")
        #expect(after?["scheduler"] as? String == "service", "\(after ?? [:])")
        #expect(after?["last_scheduler"] as? String == "service")
        #expect((after?["detail"] as? String)?.hasPrefix("service, last run ") == true, "\(after ?? [:])")
        #expect(after?["pg_cron_preloaded"] as? Bool == cli.database.cluster.hasPgCron)
    }
}
