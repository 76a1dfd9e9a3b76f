import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZenGlowKeys
import ZenGlowTestSupport

@testable import ZenGlowAPI

@Suite("POST /rag/query")
struct RagQueryTests {
    /// An environment whose tenant t1 holds the demo corpus, loaded through the API.
    static func loaded() async throws -> (APITestEnvironment, String) {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let api = try environment.application()
        try await api.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key), body: jsonBody(demoBatch()))
            #expect(response.status == .created)
        }
        return (environment, key)
    }

    @Test("the known best answer ranks first, with scores, weights version and model")
    func ranks() async throws {
        let (environment, key) = try await Self.loaded()
        let api = try environment.application()
        try await api.application.test(.router) { client in
            for mode in ["fusion", "rrf", "bm25", "vector"] {
                let response = try await client.execute(
                    uri: "/rag/query", method: .post, headers: .bearer(key),
                    body: jsonBody([
                        "query": "insulin glucose", "embedding": axisEmbedding(1), "top_k": 2, "mode": mode,
                    ]))
                #expect(response.status == .ok, "\(mode)")
                let results = response.json["results"] as? [[String: Any]] ?? []
                #expect(results.first?["document_id"] as? String == "insulin", "\(mode)")
                #expect(results.count <= 2)
                #expect(response.json["model"] as? String == "all-MiniLM-L6-v2")
                #expect(response.json["weights_version"] is NSNumber)
            }
        }
    }

    @Test("a tenant never sees another tenant's chunks through any endpoint")
    func isolation() async throws {
        let (environment, _) = try await Self.loaded()
        let other = try await environment.key(tenant: "t2")
        let api = try environment.application()
        try await api.application.test(.router) { client in
            let query = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(other),
                body: jsonBody(["query": "insulin", "embedding": axisEmbedding(1)]))
            #expect(query.status == .ok)
            #expect((query.json["results"] as? [Any])?.isEmpty == true)
            let batch = try await client.execute(uri: "/ingest/batches/b1", method: .get, headers: .bearer(other))
            #expect(batch.status == .notFound)
            let weights = try await client.execute(uri: "/fusion/weights", method: .get, headers: .bearer(other))
            #expect((weights.json["scope"] as? String) == "global")
        }
    }

    @Test("bad input gets a specific 4xx, recorded once with its status and error code")
    func badInput() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        // No embedder, so that 'vector without embedding' has nothing to fall back on.
        let api = try environment.application([
            "RAG_TOP_K_MAX": "50", "QUERY_MAX_BODY_BYTES": "2048", "EMBED_PROVIDER": "none",
        ])
        let cases: [(String, ByteBuffer, HTTPResponse.Status, String)] = [
            ("invalid JSON", ByteBuffer(string: "{\"query\": "), .badRequest, "invalid_json"),
            ("not an object", ByteBuffer(string: "[1]"), .badRequest, "invalid_json"),
            ("unknown field", jsonBody(["query": "x", "colour": "red"]), .badRequest, "invalid_request"),
            ("missing query", jsonBody(["top_k": 3]), .badRequest, "invalid_request"),
            ("top_k 0", jsonBody(["query": "x", "top_k": 0]), .badRequest, "invalid_request"),
            ("top_k above max", jsonBody(["query": "x", "top_k": 51]), .badRequest, "invalid_request"),
            ("top_k not integer", jsonBody(["query": "x", "top_k": 2.5]), .badRequest, "invalid_request"),
            (
                "wrong dimension", jsonBody(["query": "x", "embedding": [0.1, 0.2]]), .unprocessableContent,
                "invalid_embedding"
            ),
            ("NaN", ByteBuffer(string: #"{"query": "x", "embedding": [NaN]}"#), .badRequest, "invalid_json"),
            (
                "invalid UTF-8",
                ByteBuffer(bytes: Array(#"{"query": ""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)), .badRequest,
                "invalid_json"
            ),
            (
                "unknown filter", jsonBody(["query": "x", "filters": ["colour": "red"]]), .badRequest,
                "invalid_request"
            ),
            (
                "oversized", jsonBody(["query": String(repeating: "a", count: 3000)]), .contentTooLarge,
                "payload_too_large"
            ),
            (
                "vector without embedding", jsonBody(["query": "x", "mode": "vector"]), .unprocessableContent,
                "invalid_embedding"
            ),
        ]
        try await api.application.test(.router) { client in
            for (name, body, status, code) in cases {
                let response = try await client.execute(
                    uri: "/rag/query", method: .post, headers: .bearer(key), body: body)
                #expect(response.status == status, "\(name)")
                #expect(response.errorCode == code, "\(name): \(response.text)")
                #expect(!response.text.lowercased().contains("select"), "\(name): no SQL reaches the client")
            }
        }
        // The service group drained the writer when the test application stopped.
        #expect(try await environment.count("select count(*)::int from zenglow.query_performance") == cases.count)
        for (name, _, status, code) in cases {
            #expect(
                try await environment.count(
                    "select count(*)::int from zenglow.query_performance where status = \(status.code) and error_code = '\(code)'"
                ) == cases.filter { $0.2 == status && $0.3 == code }.count, "\(name)")
        }
    }

    @Test("mode vector without an embedding answers from the local embedder, by meaning")
    func localEmbedder() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let api = try environment.application()
        try await api.application.test(.router) { client in
            let loaded = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key), body: jsonBody(try semanticBatch()))
            #expect(loaded.status == .created)
            // No word in common with the insulin chunk: only the embedding can find it.
            let response = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(key),
                body: jsonBody(["query": "what lowers blood sugar?", "mode": "vector", "top_k": 3]))
            #expect(response.status == .ok)
            #expect(response.json["degraded"] == nil || response.json["degraded"] is NSNull)
            let results = response.json["results"] as? [[String: Any]] ?? []
            #expect(results.first?["document_id"] as? String == "insulin")
        }
    }

    @Test("with the embedder down the query still answers, lexically, and says so")
    func degraded() async throws {
        let (environment, key) = try await Self.loaded()
        // Nothing listens on port 9 of localhost: every attempt is refused at once.
        let api = try environment.application(["EMBED_BASE_URL": "http://127.0.0.1:9/v1", "EMBED_TIMEOUT_MS": "500"])
        try await api.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(key), body: jsonBody(["query": "insulin"]))
            #expect(response.status == .ok)
            #expect(response.json["degraded"] as? String == "no_embedding")
            #expect(response.json["degraded_reason"] as? String == "embedder_unavailable")
            let results = response.json["results"] as? [[String: Any]] ?? []
            #expect(results.first?["document_id"] as? String == "insulin")
        }
    }

    @Test("a lone request's timings are written within the flush interval, not at the next request")
    func timingsFlushedWhileQuiet() async throws {
        let (environment, key) = try await Self.loaded()
        let api = try environment.application(["PERFORMANCE_FLUSH_MS": "50", "PERFORMANCE_BATCH": "100"])
        try await api.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/rag/query", method: .post,
                headers: .bearer(key) + [RequestLogMiddleware.requestIDHeader: "lone-1"],
                body: jsonBody(["query": "insulin", "embedding": axisEmbedding(1)]))
            #expect(response.status == .ok)
            let written = try await timeUntil(within: .seconds(3)) {
                try await environment.count(
                    "select count(*)::int from zenglow.query_performance where request_id = 'lone-1'") == 1
            }
            #expect(written != nil, "written while the server still runs and no other request came")
        }
    }

    @Test("stage timings reach query_performance without holding the request")
    func timingsRecorded() async throws {
        let (environment, key) = try await Self.loaded()
        let api = try environment.application()
        try await api.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/rag/query", method: .post,
                headers: .bearer(key) + [RequestLogMiddleware.requestIDHeader: "trace-42"],
                body: jsonBody(["query": "insulin", "embedding": axisEmbedding(1)]))
            #expect(response.status == .ok)
            #expect(response.headers[RequestLogMiddleware.requestIDHeader] == "trace-42")
        }
        // The service group drained the writer when the test application stopped.
        #expect(
            try await environment.count(
                "select count(*)::int from zenglow.query_performance where request_id = 'trace-42' and tenant_id = 't1' and retrieve_ms > 0"
            )
                == 1)
    }
}

extension HTTPFields {
    static func + (lhs: HTTPFields, rhs: HTTPFields) -> HTTPFields {
        var result = lhs
        result.append(contentsOf: rhs)
        return result
    }
}
