import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
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
            #expect(names == ["database", "migrations", "model_registry", "configuration", "listener"])
            let models = try await client.execute(uri: "/health/models", method: .get)
            #expect(models.text.contains("all-MiniLM-L6-v2"))
            try await environment.run("update zenglow.models set active = false")
            let notReady = try await client.execute(uri: "/health/ready", method: .get)
            #expect(notReady.status == .serviceUnavailable)
            #expect(notReady.text.contains("no active embedding model"))
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
                    "/rag/query",
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
            #expect(response.json["RAG_TOP_K_DEFAULT"] as? String == "10")
        }
    }
}
