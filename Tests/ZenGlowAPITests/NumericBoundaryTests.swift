import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ZenGlowAPI

/// Every numeric field of every route at and past its edges: in range answers as it should, out
/// of range gets a 4xx naming the field (never a 500 from PostgreSQL), and nothing is written.
@Suite("numeric input at the edges")
struct NumericBoundaryTests {
    struct Case: CustomStringConvertible, Sendable {
        let method: HTTPRequest.Method
        let uri: String
        let body: String
        let status: HTTPResponse.Status
        /// The error code, or nil for a success.
        let code: String?
        /// Words the error message must hold (the field's name).
        let mentions: String?

        var description: String { "\(method) \(uri) \(body.prefix(120))" }
    }

    static func vector(_ value: String, count: Int = 384) -> String {
        "[" + Array(repeating: value, count: count).joined(separator: ",") + "]"
    }

    static let axis = "[" + (0..<384).map { $0 == 1 ? "1" : "0.001" }.joined(separator: ",") + "]"

    static func query(_ fields: String) -> String { #"{"query": "insulin", \#(fields)}"# }

    static func weights(_ ltr: String, _ vector: String = "0.5") -> String {
        #"{"weights": {"ltr": \#(ltr), "vector": \#(vector)}, "reason": "boundary test"}"#
    }

    static func batch(order: String = "0", embedding: String = axis) -> String {
        #"{"batch_tag": "edge", "documents": [{"id": "d", "chunks": [{"order": \#(order), "text": "edge case text", "embedding": \#(embedding)}]}]}"#
    }

    static let cases: [Case] = [
        // POST /rag/query: top_k (1...RAG_TOP_K_MAX = 100)
        .init(.post, "/rag/query", Self.query(#""top_k": 1"#), .ok, nil, nil),
        .init(.post, "/rag/query", Self.query(#""top_k": 100"#), .ok, nil, nil),
        .init(.post, "/rag/query", Self.query(#""top_k": 0"#), .badRequest, "invalid_request", "top_k"),
        .init(.post, "/rag/query", Self.query(#""top_k": 101"#), .badRequest, "invalid_request", "top_k"),
        .init(.post, "/rag/query", Self.query(#""top_k": -1"#), .badRequest, "invalid_request", "top_k"),
        .init(.post, "/rag/query", Self.query(#""top_k": 2.5"#), .badRequest, "invalid_request", "top_k"),
        .init(.post, "/rag/query", Self.query(#""top_k": 1e20"#), .badRequest, "invalid_request", "top_k"),
        .init(
            .post, "/rag/query", Self.query(#""top_k": 9223372036854775808"#), .badRequest, "invalid_request", "top_k"),
        .init(.post, "/rag/query", Self.query(#""top_k": 1e400"#), .badRequest, "invalid_request", nil),
        .init(.post, "/rag/query", Self.query(#""top_k": true"#), .badRequest, "invalid_request", "top_k"),
        // POST /rag/query: embedding (384 finite floats, not all zero, norm within a float)
        .init(.post, "/rag/query", Self.query(#""embedding": \#(Self.axis)"#), .ok, nil, nil),
        .init(
            .post, "/rag/query", Self.query(#""embedding": \#(Self.vector("0"))"#), .unprocessableContent,
            "invalid_embedding", "zero length"),
        .init(
            .post, "/rag/query", Self.query(#""embedding": \#(Self.vector("1e19"))"#), .unprocessableContent,
            "invalid_embedding", "norm"),
        .init(
            .post, "/rag/query", Self.query(#""embedding": \#(Self.vector("1e39"))"#), .unprocessableContent,
            "invalid_embedding", "embedding"),
        .init(
            .post, "/rag/query", Self.query(#""embedding": \#(Self.vector("-3.5e38"))"#), .unprocessableContent,
            "invalid_embedding", "embedding"),
        .init(
            .post, "/rag/query", Self.query(#""embedding": []"#), .unprocessableContent, "invalid_embedding",
            "embedding"),
        .init(
            .post, "/rag/query", Self.query(#""embedding": \#(Self.vector("0.1", count: 3))"#), .unprocessableContent,
            "invalid_embedding", "dimensions"),
        .init(
            .post, "/rag/query", Self.query(#""embedding": ["NaN"]"#), .unprocessableContent, "invalid_embedding",
            "embedding"),
        .init(.post, "/rag/query", Self.query(#""embedding": [1e400]"#), .badRequest, "invalid_request", nil),
        // PUT /fusion/weights: each weight 0...1000, sum > 0
        .init(.put, "/fusion/weights", Self.weights("0", "1000"), .ok, nil, nil),
        .init(.put, "/fusion/weights", Self.weights("-0.01"), .unprocessableContent, "invalid_weights", "weights.ltr"),
        .init(.put, "/fusion/weights", Self.weights("1000.5"), .unprocessableContent, "invalid_weights", "weights.ltr"),
        .init(
            .put, "/fusion/weights", Self.weights("0.5", "1e300"), .unprocessableContent, "invalid_weights",
            "weights.vector"),
        .init(.put, "/fusion/weights", Self.weights("0", "0"), .unprocessableContent, "invalid_weights", "sum"),
        .init(.put, "/fusion/weights", Self.weights("true"), .unprocessableContent, "invalid_weights", "weights.ltr"),
        .init(.put, "/fusion/weights", Self.weights("1e400"), .badRequest, "invalid_request", nil),
        // …and its issue_link must be an http(s) URL with a host (Schemathesis sent "https:\u00cf")
        .init(
            .put, "/fusion/weights",
            #"{"weights": {"ltr": 1, "vector": 1}, "reason": "r", "issue_link": "https:\u00cf"}"#,
            .badRequest, "invalid_request", "issue_link"),
        // POST /ingest/batches: chunks[].order (0...2^31-1) and chunks[].embedding (a bad vector rejects its row)
        .init(.post, "/ingest/batches", Self.batch(order: "2147483648"), .badRequest, "invalid_request", "order"),
        .init(.post, "/ingest/batches", Self.batch(order: "-1"), .badRequest, "invalid_request", "order"),
        .init(.post, "/ingest/batches", Self.batch(order: "0.5"), .badRequest, "invalid_request", "order"),
        .init(.post, "/ingest/batches", Self.batch(order: "1e30"), .badRequest, "invalid_request", "order"),
        .init(.post, "/ingest/batches", Self.batch(embedding: "[1e400]"), .badRequest, "invalid_request", nil),
        // Text PostgreSQL cannot hold, and constraint-checked values, are 400s naming the field, never 500 or 503
        // (found by Schemathesis: NUL → 22021, a bad tag → 23514).
        .init(.post, "/rag/query", #"{"query": "a\u0000b"}"#, .badRequest, "invalid_request", "query"),
        .init(
            .post, "/rag/query", #"{"query": "a", "filters": {"source": "a\u0000"}}"#, .badRequest, "invalid_request",
            nil),
        .init(
            .put, "/fusion/weights", #"{"weights": {"ltr": 1, "vector": 1}, "reason": "a\u0000"}"#, .badRequest,
            "invalid_request", "reason"),
        .init(
            .post, "/ingest/batches", Self.batch().replacingOccurrences(of: #""edge""#, with: #""-bad tag""#),
            .badRequest, "invalid_request", "batch_tag"),
        .init(
            .post, "/ingest/batches",
            Self.batch().replacingOccurrences(of: #""id": "d""#, with: #""id": "d", "title": "t\u0000""#),
            .badRequest, "invalid_request", "title"),
    ]

    /// One database for the whole table, the cases in turn: a database per case made dozens at
    /// once and could exhaust the shared test cluster.
    @Test("each numeric field at and past its bounds")
    func boundaries() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let api = try environment.application()
        @Sendable func written() async throws -> [Int] {
            [
                try await environment.count("select count(*)::int from zenglow.chunks"),
                try await environment.count("select count(*)::int from zenglow.fusion_weights where tenant_id = 't1'"),
            ]
        }
        try await api.application.test(.router) { client in
            for testCase in Self.cases {
                let before = try await written()
                let response = try await client.execute(
                    uri: testCase.uri, method: testCase.method, headers: .bearer(key),
                    body: ByteBuffer(string: testCase.body))
                #expect(response.status == testCase.status, "\(testCase): \(response.text)")
                #expect(response.errorCode == testCase.code, "\(testCase): \(response.text)")
                if let mentions = testCase.mentions {
                    let message = (response.json["error"] as? [String: Any])?["message"] as? String ?? ""
                    #expect(message.contains(mentions), "\(testCase): \(message)")
                }
                if testCase.status != .ok {
                    #expect(try await written() == before, "\(testCase) wrote something")
                }
            }
        }
    }

    @Test(
        "a batch's chunk whose embedding is all zeros, or too large for a float, is rejected with its row; the rest loads"
    )
    func undefinedCosineRows() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let body = #"""
            {"batch_tag": "cosine", "documents": [{"id": "d", "chunks": [
              {"order": 0, "text": "good row", "embedding": \#(Self.axis)},
              {"order": 1, "text": "all zeros", "embedding": \#(Self.vector("0"))},
              {"order": 2, "text": "norm overflow", "embedding": \#(Self.vector("1e19"))},
              {"order": 3, "text": "beyond float", "embedding": \#(Self.vector("1e39"))}]}]}
            """#
        try await environment.application().application.test(.router) { client in
            let response = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key), body: ByteBuffer(string: body))
            #expect(response.status == .created, "\(response.text)")
            #expect(response.json["accepted"] as? Int == 1)
            let reasons = (response.json["rejections"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
            #expect(reasons == ["undefined_cosine", "undefined_cosine", "non_finite"])
            let first = (response.json["rejections"] as? [[String: Any]])?.first
            #expect(first?["document_id"] as? String == "d")
            #expect(first?["chunk_order"] as? Int == 1)
        }
        #expect(try await environment.count("select count(*)::int from zenglow.chunks") == 1)
    }
}

extension NumericBoundaryTests.Case {
    init(
        _ method: HTTPRequest.Method, _ uri: String, _ body: String, _ status: HTTPResponse.Status, _ code: String?,
        _ mentions: String?
    ) {
        self.init(method: method, uri: uri, body: body, status: status, code: code, mentions: mentions)
    }
}
