import Foundation
import HummingbirdTesting
import Testing
import ZenGlowDB

@testable import ZenGlowAPI

@Suite("POST /rag/query response cache and retrieval settings")
struct RetrievalSettingsCacheTests {
    static let question = jsonBody([
        "query": "insulin glucose", "embedding": axisEmbedding(1), "top_k": 3, "explain": true,
    ])

    @Test("a retrieval-settings change makes the next identical query a miss, ranked with the new settings")
    func settingsChangeMakesOldEntriesUnreachable() async throws {
        let (environment, key) = try await RagQueryTests.loaded()
        let api = try environment.application()
        try await api.application.test(.router) { client in
            func ask() async throws -> (cache: String?, k1: Double?) {
                let response = try await client.execute(
                    uri: "/rag/query", method: .post, headers: .bearer(key), body: Self.question)
                #expect(response.status == .ok)
                let explain = response.json["explain"] as? [String: Any]
                return (response.json["cache"] as? String, (explain?["k1"] as? NSNumber)?.doubleValue)
            }
            #expect(try await ask() == ("miss", 1.2))
            #expect(try await ask() == ("hit", 1.2))
            try await environment.run(
                """
                do $$ begin
                    perform set_config('zenglow.tenant_id', 't1', true);
                    perform zenglow_api.set_retrieval_settings('{"k1": 0.5}', 'cache test', 'tester');
                end $$
                """)
            #expect(try await ask() == ("miss", 0.5), "answers ranked with the old settings are never served")
            #expect(try await ask() == ("hit", 0.5))
        }
    }

    @Test("the key names the settings version")
    func keyNamesTheSettingsVersion() {
        let generation = CacheGeneration(
            installation: "5f0c6f0e-0000-4000-8000-000000000001", weightsVersion: 7, ltrVersion: 2,
            model: "all-MiniLM-L6-v2", corpusEpoch: 41, stamp: "s", settingsVersion: 9)
        let key = QueryCacheKey(
            prefix: "zg", tenant: "t1",
            arguments: RagQueryArguments(query: "q", embedding: nil, topK: 10, mode: "fusion"),
            embedder: "none", generation: generation)
        #expect(key.text.hasSuffix(":w7:l2:e41:s9"))
    }
}
