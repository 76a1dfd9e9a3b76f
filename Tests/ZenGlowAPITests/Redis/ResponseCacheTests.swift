import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZenGlowDB
import ZenGlowTestSupport

@testable import ZenGlowAPI

@Suite("POST /rag/query response cache")
struct ResponseCacheTests {
    static let question = jsonBody(["query": "insulin glucose", "embedding": axisEmbedding(1), "top_k": 3])

    /// The body after its leading `cache` field: what a hit and a miss must have in common.
    static func rest(_ response: TestResponse) -> String {
        let text = String(buffer: response.body)
        guard let comma = text.firstIndex(of: ",") else { return text }
        return String(text[comma...])
    }

    @Test("a repeated query is a hit with the same body; query_performance and the metrics say so")
    func repeatedQueryHits() async throws {
        let (environment, key) = try await RagQueryTests.loaded()
        let api = try environment.application()
        try await api.application.test(.router) { client in
            let first = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(key), body: Self.question)
            let second = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(key), body: Self.question)
            #expect(first.status == .ok)
            #expect(second.status == .ok)
            #expect(first.json["cache"] as? String == "miss")
            #expect(second.json["cache"] as? String == "hit")
            #expect(Self.rest(first) == Self.rest(second), "a hit is the stored answer, byte for byte")
            #expect(((second.json["results"] as? [[String: Any]])?.first?["document_id"] as? String) == "insulin")
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"zenglow_cache_requests_total{result="hit"} 1"#))
            #expect(metrics.contains(#"zenglow_cache_requests_total{result="miss"} 1"#))
        }
        let recorded = try await eventually(within: .seconds(10)) {
            try await environment.count(
                "select count(*)::int from zenglow.query_performance where endpoint = '/rag/query' and cache_hit") == 1
        }
        #expect(recorded, "the hit is recorded with cache_hit")
        #expect(
            try await environment.count(
                "select count(*)::int from zenglow.query_performance where endpoint = '/rag/query' and not cache_hit")
                == 1)
    }

    @Test("a new batch for the tenant, or a weights PUT, makes the next identical query a miss")
    func changesMakeOldEntriesUnreachable() async throws {
        let (environment, key) = try await RagQueryTests.loaded()
        let api = try environment.application()
        try await api.application.test(.router) { client in
            func ask() async throws -> String? {
                let response = try await client.execute(
                    uri: "/rag/query", method: .post, headers: .bearer(key), body: Self.question)
                #expect(response.status == .ok)
                return response.json["cache"] as? String
            }
            #expect(try await ask() == "miss")
            #expect(try await ask() == "hit")
            let batch = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key),
                body: jsonBody(
                    demoBatch(
                        tag: "b2",
                        extra: [
                            [
                                "id": "insulin-2", "title": "Insulin resistance",
                                "chunks": [
                                    ["text": "Insulin resistance raises glucose.", "embedding": axisEmbedding(1)]
                                ],
                            ]
                        ])))
            #expect(batch.status == .created)
            let afterBatch = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(key), body: Self.question)
            #expect(afterBatch.json["cache"] as? String == "miss", "the new batch's chunks must be seen")
            let ids = (afterBatch.json["results"] as? [[String: Any]] ?? []).compactMap { $0["document_id"] as? String }
            #expect(ids.contains("insulin-2"))
            #expect(try await ask() == "hit")
            let put = try await client.execute(
                uri: "/fusion/weights", method: .put, headers: .bearer(key),
                body: jsonBody(["weights": ["ltr": 0.9, "vector": 0.1], "reason": "cache test"]))
            #expect(put.status == .ok)
            #expect(try await ask() == "miss", "answers fused with the old weights are never served")
            #expect(try await ask() == "hit")
        }
    }

    @Test("the same query text in another tenant is never a hit from the first tenant's entry")
    func tenantsNeverShareEntries() async throws {
        let (environment, key) = try await RagQueryTests.loaded()
        let other = try await environment.key(tenant: "t2")
        let api = try environment.application()
        try await api.application.test(.router) { client in
            // t2 gets one batch too, so both tenants have the same generation (weights, LTR,
            // model, corpus epoch): only the tenant in the key keeps their entries apart.
            let theirBatch = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(other),
                body: jsonBody([
                    "batch_tag": "t2-b1", "source": "test",
                    "documents": [
                        [
                            "id": "t2-insulin", "title": "Insulin in tenant two",
                            "chunks": [
                                ["text": "Insulin lowers glucose, says tenant two.", "embedding": axisEmbedding(1)]
                            ],
                        ]
                    ],
                ]))
            #expect(theirBatch.status == .created)
            let epochs = try await environment.count(
                "select count(distinct epoch)::int from zenglow.corpus_epochs where tenant_id in ('t1', 't2')")
            #expect(epochs == 1, "the test needs equal epochs to prove the tenant is in the key")
            let mine = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(key), body: Self.question)
            let again = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(key), body: Self.question)
            #expect(mine.json["cache"] as? String == "miss")
            #expect(again.json["cache"] as? String == "hit")
            let theirs = try await client.execute(
                uri: "/rag/query", method: .post, headers: .bearer(other), body: Self.question)
            #expect(theirs.status == .ok)
            #expect(theirs.json["cache"] as? String == "miss")
            let ids = (theirs.json["results"] as? [[String: Any]] ?? []).compactMap { $0["document_id"] as? String }
            #expect(ids == ["t2-insulin"], "t2 sees its own documents only")
        }
    }

    @Test("the same text with another client embedding is another entry")
    func embeddingIsPartOfTheKey() async throws {
        let (environment, key) = try await RagQueryTests.loaded()
        let api = try environment.application()
        try await api.application.test(.router) { client in
            func ask(axis: Int) async throws -> (String?, String?) {
                let response = try await client.execute(
                    uri: "/rag/query", method: .post, headers: .bearer(key),
                    body: jsonBody(["query": "light", "embedding": axisEmbedding(axis), "top_k": 1, "mode": "vector"]))
                let first = (response.json["results"] as? [[String: Any]])?.first?["document_id"] as? String
                return (response.json["cache"] as? String, first)
            }
            let insulin = try await ask(axis: 1)
            let photon = try await ask(axis: 2)
            let again = try await ask(axis: 2)
            #expect(insulin == ("miss", "insulin"))
            #expect(photon == ("miss", "photon"), "a vector nearest photons is not insulin's entry")
            #expect(again == ("hit", "photon"))
        }
    }

    @Test("with CACHE_ENABLED=false every answer says bypass and nothing is stored")
    func disabled() async throws {
        let (environment, key) = try await RagQueryTests.loaded()
        let api = try environment.application(["CACHE_ENABLED": "false"])
        try await api.application.test(.router) { client in
            for _ in 0..<2 {
                let response = try await client.execute(
                    uri: "/rag/query", method: .post, headers: .bearer(key), body: Self.question)
                #expect(response.json["cache"] as? String == "bypass")
            }
        }
    }

    @Test("the key of a fixed request is stable across versions, with and without a client embedding")
    func keyIsStable() {
        let generation = CacheGeneration(
            installation: "5f0c6f0e-0000-4000-8000-000000000001", weightsVersion: 7, ltrVersion: 2,
            model: "all-MiniLM-L6-v2", corpusEpoch: 41, stamp: "2f1f5c6f0b8e4c1e9d7a3b5c6d8e9f01")
        func key(_ embedding: [Float]?) -> String {
            QueryCacheKey(
                prefix: "zg", tenant: "t1",
                arguments: RagQueryArguments(
                    query: "what lowers blood glucose?", embedding: embedding, topK: 10,
                    filtersJSON: #"{"source":"pubmed"}"#, mode: "fusion", optionsJSON: #"{"candidates": 200}"#),
                embedder: "local|all-MiniLM-L6-v2|384|53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
                generation: generation
            ).text
        }
        #expect(key(nil) == "zg:rag:q:bd347c57b5d16f1af5b2570b930d88c740d08e97:10:w7:l2:e41:s-")
        #expect(key([0.5, -0.25, 1]) == "zg:rag:q:66a5d283c948e5e117d63ce203f5675cd47d9bbb:10:w7:l2:e41:s-")
    }
}
