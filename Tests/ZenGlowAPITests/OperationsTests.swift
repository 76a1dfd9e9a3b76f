import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZenGlowEmbedding
import ZenGlowKeys
import ZenGlowTestSupport

@testable import ZenGlowAPI

@Suite("health, metrics, configuration and OpenAPI")
struct OperationsTests {
    /// Runs a tool of the test machine with `input` on stdin; its exit status and output.
    static func tool(_ path: String, _ arguments: [String], input: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test("/health/ready names each check; /health/models lists the registry")
    func health() async throws {
        let environment = try await APITestEnvironment.make()
        let api = try environment.application()
        try await api.application.test(.router) { client in
            await api.services.listenerStatus.waitForConnection()
            let ready = try await client.execute(uri: "/health/ready", method: .get)
            #expect(ready.status == .ok)
            let names = (ready.json["checks"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(
                names == ["database", "migrations", "model_registry", "embedder", "configuration", "listener", "redis"])
            let embedder = (ready.json["checks"] as? [[String: Any]])?.first { $0["name"] as? String == "embedder" }
            #expect(embedder?["ok"] as? Bool == true)
            #expect((embedder?["detail"] as? String)?.hasPrefix("local all-MiniLM-L6-v2 (384 dimensions)") == true)
            let models = try await client.execute(uri: "/health/models", method: .get)
            #expect(models.text.contains("all-MiniLM-L6-v2"))
            let described = models.json["embedder"] as? [String: Any] ?? [:]
            #expect(described["provider"] as? String == "local")
            #expect(described["dimensions"] as? Int == 384)
            #expect(described["weights_sha256"] as? String == ModelDirectory.miniLM.weightsSHA256)
            #expect(described["model_dir"] as? String == TestModel.directory.url.path)
            try await environment.run("update zenglow.models set active = false")
            let notReady = try await client.execute(uri: "/health/ready", method: .get)
            #expect(notReady.status == .serviceUnavailable)
            #expect(notReady.text.contains("no active embedding model"))
        }
    }

    /// An embedder of any width whose answers a test decides, counting its calls.
    final class StubEmbedder: TextEmbedder, @unchecked Sendable {
        let model = "stub"
        let dimensions: Int
        let fails: Bool
        private let lock = NSLock()
        private var count = 0
        var calls: Int { lock.withLock { count } }

        init(dimensions: Int, fails: Bool = false) {
            self.dimensions = dimensions
            self.fails = fails
        }

        func embed(_ texts: [String]) async throws -> [[Float]] {
            lock.withLock { count += 1 }
            if fails { throw EmbeddingError(.embedderUnavailable, "stub embedder down") }
            return texts.map { _ in [Float](repeating: 1, count: dimensions) }
        }
    }

    @Test("readiness fails when the embedder cannot answer or is narrower than the active model; probes are cached")
    func embedderReadiness() async throws {
        let environment = try await APITestEnvironment.make()
        /// The readiness status, the embedder check's `ok` and `detail`, and how long after the
        /// first answer the second one came.
        func embedderCheck(_ embedder: any TextEmbedder) async throws -> (HTTPResponse.Status, Bool?, String, Duration)
        {
            let api = try environment.application(embedder: embedder)
            return try await api.application.test(.router) { client in
                await api.services.listenerStatus.waitForConnection()
                let ready = try await client.execute(uri: "/health/ready", method: .get)
                let firstAnswered = ContinuousClock.now
                let check = (ready.json["checks"] as? [[String: Any]])?.first { $0["name"] as? String == "embedder" }
                _ = try await client.execute(uri: "/health/ready", method: .get)
                let gap = ContinuousClock.now - firstAnswered
                return (ready.status, check?["ok"] as? Bool, check?["detail"] as? String ?? "", gap)
            }
        }
        let narrow = StubEmbedder(dimensions: 8)
        let (narrowStatus, narrowOK, narrowDetail, gap) = try await embedderCheck(narrow)
        #expect(narrowStatus == .serviceUnavailable)
        #expect(narrowOK == false)
        #expect(narrowDetail.contains("the active model has 384 dimensions"), "\(narrowDetail)")
        // The probe was remembered before the first answer left, and the second check ran before
        // the second answer came back: inside 5 s of each other, it must have reused the probe.
        // (A machine so loaded that two requests are 5 s apart may probe again; never a third time.)
        if gap < .seconds(5) {
            #expect(narrow.calls == 1, "the second readiness request within 5 s reused the probe")
        } else {
            #expect(narrow.calls <= 2, "two readiness requests \(gap) apart probed \(narrow.calls) times")
        }

        let down = StubEmbedder(dimensions: 384, fails: true)
        let (downStatus, downOK, downDetail, _) = try await embedderCheck(down)
        #expect(downStatus == .serviceUnavailable)
        #expect(downOK == false)
        #expect(downDetail.contains("stub embedder down"), "\(downDetail)")

        let none = try environment.application(["EMBED_PROVIDER": "none"])
        try await none.application.test(.router) { client in
            await none.services.listenerStatus.waitForConnection()
            let ready = try await client.execute(uri: "/health/ready", method: .get)
            #expect(ready.status == .ok)
            let check = (ready.json["checks"] as? [[String: Any]])?.first { $0["name"] as? String == "embedder" }
            #expect((check?["detail"] as? String)?.hasPrefix("none") == true)
            let models = try await client.execute(uri: "/health/models", method: .get)
            #expect(models.json["embedder"] is NSNull)
        }
    }

    @Test("/metrics passes promtool check metrics and counts requests by route and status")
    func metrics() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let api = try environment.application()
        try await api.application.test(.router) { client in
            _ = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(key), body: jsonBody(["query": "insulin"]))
            _ = try await client.execute(uri: "/rag/query", method: .post, body: jsonBody(["query": "insulin"]))
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(
                response.text.contains(#"zenglow_http_requests_total{route="/rag/query",method="POST",status="200"} 1"#)
            )
            #expect(
                response.text.contains(#"zenglow_http_requests_total{route="/rag/query",method="POST",status="401"} 1"#)
            )
            #expect(response.text.contains(#"zenglow_query_stage_duration_seconds_bucket{stage="retrieve""#))
            let (status, output) = try Self.tool("/usr/bin/promtool", ["check", "metrics"], input: response.text)
            #expect(status == 0, "\(output)")
            let json = try await client.execute(uri: "/metrics/json", method: .get)
            #expect((json.json["process"] as? [String: Any])?["resident_bytes"] is NSNumber)
        }
    }

    @Test("zenglow_redis_up is exposed only by an API that uses Redis (no permanent Redis-down alert without it)")
    func redisGaugeOnlyWithRedis() async throws {
        let environment = try await APITestEnvironment.make()
        for (enabled, exposed) in [("true", true), ("false", false)] {
            let api = try environment.application(["REDIS_ENABLED": enabled])
            try await api.application.test(.router) { client in
                let metrics = try await client.execute(uri: "/metrics", method: .get).text
                #expect(metrics.contains("zenglow_redis_up ") == exposed, "REDIS_ENABLED=\(enabled)")
            }
        }
    }

    @Test("/openapi.json validates as OpenAPI 3.1 and documents every route")
    func openAPI() async throws {
        let environment = try await APITestEnvironment.make()
        let api = try environment.application()
        try await api.application.test(.router) { client in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(response.json["openapi"] as? String == "3.1.0")
            let paths = (response.json["paths"] as? [String: Any] ?? [:]).keys.sorted()
            #expect(
                paths == [
                    "/config/env", "/events", "/fusion/weights", "/health", "/health/models", "/health/ready",
                    "/ingest/batches", "/ingest/batches/{tag}", "/metrics", "/metrics/json", "/openapi.json",
                    "/rag/query", "/v1/embeddings",
                ])
            let file = try TemporaryDirectory.make() + "/openapi.json"
            try response.text.write(toFile: file, atomically: true, encoding: .utf8)
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            let validator = root.appendingPathComponent(".zenglow/tools/venv/bin/openapi-spec-validator").path
            let (status, output) = try Self.tool(validator, [file], input: "")
            #expect(status == 0, "\(output)")
        }
    }

    @Test("/config/env shows the effective configuration without secrets")
    func configuration() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        var overrides = environment.environment()
        overrides["DATABASE_URL"] = overrides["DATABASE_URL"]!.replacingOccurrences(
            of: "postgres@", with: "postgres:hunter2@")
        overrides["EMBED_BASE_URL"] = "http://127.0.0.1:9"
        overrides["EMBED_API_KEY"] = "sk-secretsecretsecret"
        let api = try environment.application(overrides)
        try await api.application.test(.router) { client in
            let response = try await client.execute(uri: "/config/env", method: .get, headers: .bearer(key))
            #expect(response.status == .ok)
            #expect(!response.text.contains("hunter2"))
            #expect(!response.text.contains("sk-secret"))
            #expect(response.json["EMBED_API_KEY"] as? String == "(set)")
            #expect(response.json["EMBED_PROVIDER"] as? String == "openai")
            #expect(response.json["RAG_TOP_K_DEFAULT"] as? String == "10")
        }
    }
}
