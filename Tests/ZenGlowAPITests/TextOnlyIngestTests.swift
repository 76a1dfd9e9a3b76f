import Foundation
import HummingbirdTesting
import Testing
import ZenGlowAPI
import ZenGlowEmbedding
import ZenGlowTestSupport

/// `POST /ingest/batches` with chunks that carry no embedding: the server embeds them.
@Suite("POST /ingest/batches, text only")
struct TextOnlyIngestAPITests {
    static func textOnlyBatch(tag: String) -> [String: Any] {
        [
            "batch_tag": tag, "source": "test",
            "documents": [
                [
                    "id": "locks",
                    "chunks": [["text": "The migrator takes an advisory lock before applying migrations."]],
                ],
                [
                    "id": "mixed",
                    "chunks": [
                        ["text": "Row level security keeps tenants apart."],
                        ["text": "Sent with a vector.", "embedding": axisEmbedding(4)],
                    ],
                ],
            ],
        ]
    }

    @Test("chunks without embeddings are embedded by the local model, counted, and found by meaning")
    func embedsAndRetrieves() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key(scopes: [.query, .ingest])
        let api = try environment.application()
        try await api.application.test(.router) { client in
            let loaded = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key),
                body: jsonBody(Self.textOnlyBatch(tag: "t1")))
            #expect(loaded.status == .created)
            #expect(loaded.json["accepted"] as? Int == 3)
            #expect(loaded.json["embedded"] as? Int == 2)
            let manifest = try await client.execute(uri: "/ingest/batches/t1", method: .get, headers: .bearer(key))
            #expect(manifest.json["embedded"] as? Int == 2)
            let query = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(key),
                body: jsonBody([
                    "query": "how do we stop two migrations running at once?", "mode": "vector", "top_k": 1,
                ]))
            #expect(query.status == .ok)
            let first = (query.json["results"] as? [[String: Any]])?.first
            #expect(first?["document_id"] as? String == "locks")
        }
    }

    @Test("without an embedder a text-only batch is a 422 naming the count, and nothing is written")
    func noEmbedder() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key(scopes: [.ingest])
        let api = try environment.application(["EMBED_PROVIDER": "none"])
        try await api.application.test(.router) { client in
            let refused = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key),
                body: jsonBody(Self.textOnlyBatch(tag: "t2")))
            #expect(refused.status == .unprocessableContent)
            let error = refused.json["error"] as? [String: Any]
            #expect(error?["code"] as? String == "invalid_embedding")
            #expect((error?["message"] as? String)?.contains("2 chunks have no embedding") == true)
        }
        #expect(try await environment.count("select count(*)::int from zenglow.batches") == 0)
        #expect(try await environment.count("select count(*)::int from zenglow.chunks") == 0)
    }

    /// An embedder whose server is down.
    struct DownEmbedder: TextEmbedder {
        let model = "all-MiniLM-L6-v2"
        let dimensions = 384
        func embed(_ texts: [String]) async throws -> [[Float]] {
            throw EmbeddingError(.embedderUnavailable, "embedder answered 502")
        }
    }

    @Test("an embedder failure is a 503 embedder_unavailable with the reason, and nothing is written")
    func embedderDown() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key(scopes: [.ingest])
        let api = try environment.application(embedder: DownEmbedder())
        try await api.application.test(.router) { client in
            let refused = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key),
                body: jsonBody(Self.textOnlyBatch(tag: "t3")))
            #expect(refused.status == .serviceUnavailable)
            let error = refused.json["error"] as? [String: Any]
            #expect(error?["code"] as? String == "embedder_unavailable")
            #expect(
                error?["message"] as? String
                    == "the embedder could not embed batch t3's text-only chunks; nothing was loaded; retry later")
        }
        #expect(try await environment.count("select count(*)::int from zenglow.batches") == 0)
        #expect(try await environment.count("select count(*)::int from zenglow.chunks") == 0)
    }
}
