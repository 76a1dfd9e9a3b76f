import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZenGlowEmbedding
import ZenGlowKeys
import ZenGlowTestSupport

@testable import ZenGlowAPI

@Suite("POST /v1/embeddings")
struct EmbeddingsTests {
    struct Case: Decodable {
        let text: String
        let ids: [Int32]
    }

    /// Reference cases (text, token ids) and sentence-transformers' vectors for them, by line.
    static func references(_ lines: [Int]) throws -> [(Case, [Float])] {
        let cases = try String(
            contentsOf: TestModel.sharedData.appendingPathComponent("minilm-reference/cases.jsonl"), encoding: .utf8
        ).split(separator: "\n").map { try JSONDecoder().decode(Case.self, from: Data($0.utf8)) }
        let vectors = try TestModel.vectors("minilm-reference/cases-minilm384.f32", dimensions: 384)
        return lines.map { (cases[$0], vectors[$0]) }
    }

    /// Lines of cases.jsonl: plain English, punctuation, accents, CJK, and a long text.
    static let lines = [0, 1, 6, 7, 20]

    static func floats(_ item: [String: Any]) -> [Float] {
        (item["embedding"] as? [NSNumber] ?? []).map(\.floatValue)
    }

    @Test("vectors match sentence-transformers' reference (cosine ≥ 0.9999), in input order, with token usage")
    func referenceVectors() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key(scopes: [.embed])
        let references = try Self.references(Self.lines)
        try await environment.application().application.test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/embeddings", method: .post, headers: .bearer(key),
                body: jsonBody(["input": references.map(\.0.text), "model": "all-MiniLM-L6-v2"]))
            #expect(response.status == .ok)
            #expect(response.json["object"] as? String == "list")
            #expect(response.json["model"] as? String == "all-MiniLM-L6-v2")
            let data = response.json["data"] as? [[String: Any]] ?? []
            #expect(data.count == references.count)
            for (position, (item, reference)) in zip(data, references).enumerated() {
                #expect(item["object"] as? String == "embedding")
                #expect(item["index"] as? Int == position)
                let vector = Self.floats(item)
                #expect(vector.count == 384)
                let cosine = TestModel.cosine(vector, reference.1)
                #expect(cosine >= 0.9999, "\(reference.0.text.prefix(40)): cosine \(cosine)")
            }
            let usage = response.json["usage"] as? [String: Any] ?? [:]
            let tokens = references.map(\.0.ids.count).reduce(0, +)
            #expect(usage["prompt_tokens"] as? Int == tokens)
            #expect(usage["total_tokens"] as? Int == tokens)
        }
    }

    @Test("a single string is one input; base64 is the little-endian float32 bytes of the same vector")
    func base64RoundTrips() async throws {
        let environment = try await APITestEnvironment.make()
        let api = try environment.application(["ENABLE_API_KEYS": "false"])
        try await api.application.test(.router) { client in
            let text = "Insulin lowers blood glucose."
            let plain = try await client.execute(
                uri: "/v1/embeddings", method: .post, body: jsonBody(["input": text]))
            #expect(plain.status == .ok)
            let floats = Self.floats((plain.json["data"] as? [[String: Any]])?.first ?? [:])
            #expect(floats.count == 384)
            let encoded = try await client.execute(
                uri: "/v1/embeddings", method: .post, body: jsonBody(["input": [text], "encoding_format": "base64"]))
            #expect(encoded.status == .ok)
            let base64 = try #require((encoded.json["data"] as? [[String: Any]])?.first?["embedding"] as? String)
            let bytes = try #require(Data(base64Encoded: base64))
            #expect(bytes.count == 384 * 4)
            let decoded = bytes.withUnsafeBytes { raw in
                (0..<384).map {
                    Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)))
                }
            }
            #expect(decoded == floats)
        }
    }

    @Test("malformed input is a 400 naming the field")
    func refusals() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key(scopes: [.embed])
        try await environment.application().application.test(.router) { client in
            let cases: [(String, [String: Any], String)] = [
                ("missing input", ["model": "all-MiniLM-L6-v2"], "field 'input' is required"),
                ("empty list", ["input": [String]()], "field 'input' must hold at least one text"),
                ("empty string", ["input": ["a", "b", "c", ""]], "field 'input[3]' must not be an empty string"),
                ("empty single string", ["input": ""], "field 'input' must not be an empty string"),
                (
                    "too many", ["input": Array(repeating: "x", count: 2049)],
                    "field 'input' holds more than 2048 texts"
                ),
                ("object element", ["input": ["a", ["x": 1]]], "field 'input[1]' must be a string"),
                ("boolean element", ["input": ["a", "b", true]], "field 'input[2]' must be a string"),
                ("not a list", ["input": ["x": "y"]], "field 'input' must be a string or an array of strings"),
                ("token ids", ["input": [101, 7592, 102]], "field 'input[0]' holds token ids"),
                ("token id arrays", ["input": [[101, 7592], [102]]], "field 'input[0]' holds token ids"),
                ("one token id", ["input": 7592], "field 'input' holds token ids"),
                (
                    "another model", ["input": "x", "model": "text-embedding-3-small"],
                    "field 'model' names 'text-embedding-3-small'; this server embeds with all-MiniLM-L6-v2"
                ),
                (
                    "encoding format", ["input": "x", "encoding_format": "int8"],
                    "field 'encoding_format' must be float or base64"
                ),
                ("unknown field", ["input": "x", "dimensions": 128], "unknown field 'dimensions'"),
            ]
            for (name, body, message) in cases {
                let response = try await client.execute(
                    uri: "/v1/embeddings", method: .post, headers: .bearer(key), body: jsonBody(body))
                #expect(response.status == .badRequest, "\(name)")
                #expect(response.errorCode == "invalid_request", "\(name)")
                let text = (response.json["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(text.contains(message), "\(name): \(text)")
            }
        }
    }

    @Test("a body over QUERY_MAX_BODY_BYTES is a 413")
    func bodyLimit() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key(scopes: [.embed])
        try await environment.application(["QUERY_MAX_BODY_BYTES": "2048"]).application.test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/embeddings", method: .post, headers: .bearer(key),
                body: jsonBody(["input": String(repeating: "word ", count: 1000)]))
            #expect(response.status == .contentTooLarge)
            #expect(response.errorCode == "payload_too_large")
        }
    }

    @Test("a key without the embed scope gets 403; no key 401")
    func scope() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key(scopes: [.query, .ingest, .admin])
        try await environment.application().application.test(.router) { client in
            let forbidden = try await client.execute(
                uri: "/v1/embeddings", method: .post, headers: .bearer(key), body: jsonBody(["input": "x"]))
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.errorCode == "forbidden")
            let anonymous = try await client.execute(
                uri: "/v1/embeddings", method: .post, body: jsonBody(["input": "x"]))
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test("EMBED_PROVIDER=none answers 503 embedder_unavailable")
    func noEmbedder() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key(scopes: [.embed])
        try await environment.application(["EMBED_PROVIDER": "none"]).application.test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/embeddings", method: .post, headers: .bearer(key), body: jsonBody(["input": "x"]))
            #expect(response.status == .serviceUnavailable)
            #expect(response.errorCode == "embedder_unavailable")
        }
    }

    @Test("a second ZenGlow with EMBED_PROVIDER=openai embeds through the first one's /v1/embeddings")
    func zenGlowAsOpenAIEndpoint() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key(scopes: [.embed])
        let queryKey = try await environment.key(scopes: [.query, .ingest])
        let references = try Self.references(Self.lines)
        let serving = try environment.application()
        try await serving.application.test(.live) { live in
            let port = try #require(live.port)
            let base = "http://127.0.0.1:\(port)/v1"

            // The client on its own: real vectors, in order. A generous timeout: a loaded machine
            // can take seconds to embed the references, and speed is not what this test is about.
            let remote = OpenAICompatibleEmbedder(
                configuration: EmbedderConfiguration(
                    baseURL: base, model: "all-MiniLM-L6-v2", apiKey: key, timeoutMilliseconds: 30_000))
            let vectors = try await remote.embed(references.map(\.0.text))
            #expect(vectors.count == references.count)
            for (vector, reference) in zip(vectors, references) {
                #expect(TestModel.cosine(vector, reference.1) >= 0.9999)
            }

            // A wrong key: the status, never the key.
            let wrongKey = "sk-not-a-zenglow-key"
            let refused = OpenAICompatibleEmbedder(
                configuration: EmbedderConfiguration(baseURL: base, model: "all-MiniLM-L6-v2", apiKey: wrongKey))
            let error = try await #require(throws: EmbeddingError.self) { try await refused.embed(["x"]) }
            #expect(error.code == .embedderUnavailable)
            #expect(error.message.contains("401"))
            #expect(!error.message.contains(wrongKey))

            // A dimension the endpoint does not answer with is refused.
            let wide = OpenAICompatibleEmbedder(
                configuration: EmbedderConfiguration(
                    baseURL: base, model: "all-MiniLM-L6-v2", dimensions: 768, apiKey: key))
            let narrow = try await #require(throws: EmbeddingError.self) { try await wide.embed(["x"]) }
            #expect(narrow.message.contains("384 dimensions"))

            // A whole application on the openai provider: readiness and a vector-only query.
            let consumer = try environment.application([
                "EMBED_PROVIDER": "openai", "EMBED_BASE_URL": base, "EMBED_API_KEY": key, "EMBED_TIMEOUT_MS": "30000",
            ])
            try await consumer.application.test(.router) { client in
                let loaded = try await client.execute(
                    uri: "/ingest/batches", method: .post, headers: .bearer(queryKey),
                    body: jsonBody(try semanticBatch()))
                #expect(loaded.status == .created)
                let ready = try await client.execute(uri: "/health/ready", method: .get)
                let check = (ready.json["checks"] as? [[String: Any]])?.first { $0["name"] as? String == "embedder" }
                #expect(check?["ok"] as? Bool == true)
                #expect((check?["detail"] as? String)?.hasPrefix("openai all-MiniLM-L6-v2 (384 dimensions)") == true)
                let answer = try await client.execute(
                    uri: "/rag/query", method: .post, headers: .bearer(queryKey),
                    body: jsonBody(["query": "what lowers blood sugar?", "mode": "vector", "top_k": 3]))
                #expect(answer.status == .ok)
                #expect(answer.json["degraded"] == nil || answer.json["degraded"] is NSNull)
                let results = answer.json["results"] as? [[String: Any]] ?? []
                #expect(results.first?["document_id"] as? String == "insulin")
            }
        }
    }
}

/// Three documents whose chunks carry the test model's own embeddings: a query embedded by the
/// same model finds them by meaning, not by shared words.
func semanticBatch(tag: String = "semantic") throws -> [String: Any] {
    let documents = [
        ("insulin", "Insulin is a hormone that reduces the level of glucose in the blood."),
        ("photon", "Light is made of photons travelling at a constant speed."),
        ("enzyme", "Enzymes speed up chemical reactions inside cells."),
    ]
    let vectors = try TestModel.encoder().embed(documents.map(\.1))
    return [
        "batch_tag": tag, "source": "test",
        "documents": zip(documents, vectors).map { document, vector in
            [
                "id": document.0, "title": document.0,
                "chunks": [["text": document.1, "embedding": vector.map(Double.init)]],
            ] as [String: Any]
        },
    ]
}
