import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Synchronization
import Testing
import ZenGlowEmbedding
import ZenGlowTestSupport

@testable import ZenGlowAPI

@Suite("every POST /rag/query outcome in query_performance")
struct QueryRecordTests {
    /// Twelve documents that all mention glucose, seven from `pubmed` and five from `wiki`, on
    /// distinct axes: a query for glucose returns all of them, more than top_documents keeps.
    static func loaded() async throws -> (APITestEnvironment, String) {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let documents: [[String: Any]] = (1...12).map { index in
            [
                "id": "doc-\(index)", "title": "Glucose note \(index)", "source": index <= 7 ? "pubmed" : "wiki",
                "chunks": [["text": "Glucose and insulin, note \(index).", "embedding": axisEmbedding(index)]],
            ]
        }
        let batch = jsonBody(["batch_tag": "b1", "source": "test", "documents": documents])
        let api = try environment.application()
        try await api.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key), body: batch)
            #expect(response.status == .created, "\(response.text)")
        }
        return (environment, key)
    }

    /// The /rag/query rows, oldest first, as JSON objects (every column but tenant_id and ts).
    static func records(_ environment: APITestEnvironment) async throws -> [[String: Any]] {
        let text = try await environment.database.withConnection { connection -> String in
            let rows = try await connection.query(
                """
                select coalesce(jsonb_agg(to_jsonb(q) - 'tenant_id' - 'ts' order by q.ts, q.request_id), '[]')::text
                from zenglow.query_performance q where q.endpoint = '/rag/query'
                """, logger: APITestEnvironment.logger)
            for try await text in rows.decode(String.self) { return text }
            return "[]"
        }
        return (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]) ?? []
    }

    /// The rows once `count` are there (the writer is asynchronous), keyed by request id.
    static func records(_ environment: APITestEnvironment, count: Int) async throws -> [String: [String: Any]] {
        let arrived = try await eventually(within: .seconds(20)) { try await records(environment).count >= count }
        #expect(arrived, "\(count) rows written")
        let rows = try await records(environment)
        #expect(rows.count == count, "exactly one row per request: \(rows)")
        return Dictionary(rows.map { ($0["request_id"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func query(_ key: String, id: String) -> HTTPFields {
        .bearer(key) + [RequestLogMiddleware.requestIDHeader: id]
    }

    @Test("a miss, a hit and a 422 each leave one row with status, error code, cache, mode and the results")
    func answersAndClientErrors() async throws {
        let (environment, key) = try await Self.loaded()
        let api = try environment.application()
        let question = jsonBody([
            "query": "glucose", "embedding": axisEmbedding(3), "top_k": 12, "mode": "rrf",
        ])
        // The miss's results: document ids in rank order, and how many came from each source.
        let (ranked, sources) = try await api.application.test(.router) { client in
            let miss = try await client.execute(
                uri: "/rag/query", method: .post, headers: Self.query(key, id: "miss"), body: question)
            let hit = try await client.execute(
                uri: "/rag/query", method: .post, headers: Self.query(key, id: "hit"), body: question)
            #expect(miss.json["cache"] as? String == "miss")
            #expect(hit.json["cache"] as? String == "hit")
            let results = miss.json["results"] as? [[String: Any]] ?? []
            var sources: [String: Int] = [:]
            for result in results { sources[result["source"] as? String ?? "", default: 0] += 1 }
            let invalid = try await client.execute(
                uri: "/rag/query", method: .post, headers: Self.query(key, id: "invalid"),
                body: jsonBody(["query": "glucose", "embedding": [0.1, 0.2], "mode": "bm25"]))
            #expect(invalid.status == .unprocessableContent)
            return (results.compactMap { $0["document_id"] as? String }, sources)
        }
        #expect(ranked.count == 12, "every document matches")
        let rows = try await Self.records(environment, count: 3)
        #expect(sources == ["pubmed": 7, "wiki": 5])
        for (id, cacheHit) in [("miss", false), ("hit", true)] {
            let row = try #require(rows[id], "\(id) recorded")
            #expect(row["status"] as? Int == 200, "\(id)")
            #expect(row["error_code"] is NSNull, "\(id)")
            #expect(row["cache_hit"] as? Bool == cacheHit, "\(id)")
            #expect(row["mode"] as? String == "rrf", "\(id)")
            #expect(row["top_k"] as? Int == 12, "\(id)")
            #expect(row["result_count"] as? Int == 12, "\(id)")
            #expect(row["model"] as? String == "all-MiniLM-L6-v2", "\(id)")
            #expect(row["weights_version"] is Int, "\(id)")
            #expect(row["result_sources"] as? [String: Int] == sources, "\(id)")
            #expect(row["top_documents"] as? [String] == Array(ranked.prefix(10)), "\(id): the first 10, in rank order")
            #expect(row["query_text"] is NSNull, "\(id): no query text without LOG_QUERY_TEXT")
            #expect(row["degraded_reason"] is NSNull, "\(id)")
        }
        #expect(rows["miss"]?["retrieve_ms"] is Double, "the miss ran the SQL")
        #expect(rows["hit"]?["retrieve_ms"] is NSNull, "the hit did not")
        let invalid = try #require(rows["invalid"])
        #expect(invalid["status"] as? Int == 422)
        #expect(invalid["error_code"] as? String == "invalid_embedding")
        #expect(invalid["cache_hit"] as? Bool == false)
        #expect(invalid["result_sources"] is NSNull)
        #expect(invalid["total_ms"] is Double)
    }

    @Test("a 429 is recorded with rate_limited; a request without a valid key is not recorded")
    func rateLimited() async throws {
        let (environment, key) = try await Self.loaded()
        // One token per 100 s: the second request is refused however slowly the first is answered.
        let api = try environment.application(["RATE_LIMIT_PER_SECOND": "0.01", "RATE_LIMIT_BURST": "1"])
        try await api.application.test(.router) { client in
            let body = jsonBody(["query": "glucose", "embedding": axisEmbedding(1)])
            let first = try await client.execute(
                uri: "/rag/query", method: .post, headers: Self.query(key, id: "first"), body: body)
            #expect(first.status == .ok)
            let limited = try await client.execute(
                uri: "/rag/query", method: .post, headers: Self.query(key, id: "limited"), body: body)
            #expect(limited.status == .tooManyRequests)
            let anonymous = try await client.execute(
                uri: "/rag/query", method: .post,
                headers: [.contentType: "application/json", RequestLogMiddleware.requestIDHeader: "anonymous"],
                body: body)
            #expect(anonymous.status == .unauthorized)
        }
        let rows = try await Self.records(environment, count: 2)
        #expect(rows["first"]?["status"] as? Int == 200)
        #expect(rows["first"]?["mode"] as? String == "fusion")
        let limited = try #require(rows["limited"])
        #expect(limited["status"] as? Int == 429)
        #expect(limited["error_code"] as? String == "rate_limited")
        #expect(limited["mode"] is NSNull, "refused before the body was read")
        #expect(rows["anonymous"] == nil)
    }

    @Test("a 503 overloaded (MAX_ACTIVE_SESSIONS) is recorded, and so is the request holding the slot")
    func overloaded() async throws {
        let (environment, key) = try await Self.loaded()
        let embedder = HeldEmbedder()
        let api = try environment.application(
            ["MAX_ACTIVE_SESSIONS": "1", "MAX_ACTIVE_SESSIONS_WAIT_MS": "300", "CACHE_ENABLED": "false"],
            embedder: embedder)
        try await api.application.test(.router) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // No embedding in the body: it waits in the embedder, holding the only slot.
                    let held = try await client.execute(
                        uri: "/rag/query", method: .post, headers: Self.query(key, id: "held"),
                        body: jsonBody(["query": "glucose"]))
                    #expect(held.status == .ok)
                }
                #expect(await eventually(within: .seconds(20)) { embedder.waiting })
                let refused = try await client.execute(
                    uri: "/rag/query", method: .post, headers: Self.query(key, id: "refused"),
                    body: jsonBody(["query": "glucose", "embedding": axisEmbedding(1)]))
                #expect(refused.status == .serviceUnavailable)
                #expect(refused.errorCode == "overloaded")
                embedder.release()
                try await group.waitForAll()
            }
        }
        let rows = try await Self.records(environment, count: 2)
        let refused = try #require(rows["refused"])
        #expect(refused["status"] as? Int == 503)
        #expect(refused["error_code"] as? String == "overloaded")
        let held = try #require(rows["held"])
        #expect(held["status"] as? Int == 200)
        #expect(held["embed_ms"] as? Double ?? 0 > 0)
    }

    @Test("a database failure is recorded as a 5xx with its error code and what was known by then")
    func databaseFailure() async throws {
        let (environment, key) = try await Self.loaded()
        // The call the controller makes no longer resolves; record_performance still does.
        try await environment.run(
            "alter function zenglow_api.rag_query(text, real[], integer, jsonb, boolean, text, jsonb) rename to rag_query_gone"
        )
        let api = try environment.application(["CACHE_ENABLED": "false"])
        try await api.application.test(.router) { client in
            let failed = try await client.execute(
                uri: "/rag/query", method: .post, headers: Self.query(key, id: "failed"),
                body: jsonBody(["query": "glucose", "embedding": axisEmbedding(1), "mode": "bm25"]))
            #expect(failed.status == .internalServerError)
        }
        let rows = try await Self.records(environment, count: 1)
        let failed = try #require(rows["failed"])
        #expect(failed["status"] as? Int == 500)
        #expect(failed["error_code"] as? String == "internal_error")
        #expect(failed["mode"] as? String == "bm25")
        #expect(failed["top_k"] as? Int == 10)
    }

    @Test("with LOG_QUERY_TEXT=true the query is stored scrubbed: no e-mail, phone number or URL reaches the table")
    func queryTextScrubbed() async throws {
        let (environment, key) = try await Self.loaded()
        let api = try environment.application(["LOG_QUERY_TEXT": "true"])
        try await api.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/rag/query", method: .post, headers: Self.query(key, id: "logged"),
                body: jsonBody([
                    "query":
                        "glucose for jane.doe@example.com, call +1 (555) 123-4567 or see https://clinic.example.org/p?id=7",
                    "embedding": axisEmbedding(1),
                ]))
            #expect(response.status == .ok)
        }
        let rows = try await Self.records(environment, count: 1)
        let text = try #require(rows["logged"]?["query_text"] as? String)
        #expect(text == "glucose for [email], call [number] or see [url]")
    }

    @Test("a degraded answer records why: the embedder failing, or rag_query's no_embedding, on a hit too")
    func degraded() async throws {
        let (environment, key) = try await Self.loaded()
        let body = jsonBody(["query": "glucose"])
        // Nothing listens on port 9 of localhost: every attempt is refused at once.
        let down = try environment.application(["EMBED_BASE_URL": "http://127.0.0.1:9/v1", "EMBED_TIMEOUT_MS": "500"])
        try await down.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/rag/query", method: .post, headers: Self.query(key, id: "down"), body: body)
            #expect(response.status == .ok)
        }
        let none = try environment.application(["EMBED_PROVIDER": "none"])
        try await none.application.test(.router) { client in
            for id in ["none-miss", "none-hit"] {
                let response = try await client.execute(
                    uri: "/rag/query", method: .post, headers: Self.query(key, id: id), body: body)
                #expect(response.json["degraded"] as? String == "no_embedding")
            }
        }
        let rows = try await Self.records(environment, count: 3)
        #expect(rows["down"]?["degraded_reason"] as? String == "embedder_unavailable")
        #expect(rows["none-miss"]?["degraded_reason"] as? String == "no_embedding")
        #expect(rows["none-hit"]?["cache_hit"] as? Bool == true)
        #expect(rows["none-hit"]?["degraded_reason"] as? String == "no_embedding")
    }

    @Test("with the table locked the writer drops past its buffer and counts it; no request waits for it")
    func dropsCounted() async throws {
        let (environment, key) = try await Self.loaded()
        let api = try environment.application([
            "PERFORMANCE_BUFFER": "2", "PERFORMANCE_BATCH": "1", "CACHE_ENABLED": "false",
        ])
        let requests = 8
        let dropped = try await api.application.test(.router) { client in
            try await environment.database.withConnection { blocker -> Int in
                // The first record's write waits behind this lock; what comes after fills the buffer.
                _ = try await blocker.query("begin", logger: APITestEnvironment.logger)
                _ = try await blocker.query(
                    "lock table zenglow.query_performance in access exclusive mode", logger: APITestEnvironment.logger)
                for index in 0..<requests {
                    let response = try await client.execute(
                        uri: "/rag/query", method: .post, headers: Self.query(key, id: "q\(index)"),
                        body: jsonBody(["query": "glucose", "embedding": axisEmbedding(1)]))
                    #expect(response.status == .ok, "answered while its record cannot be written")
                }
                let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
                _ = try await blocker.query("rollback", logger: APITestEnvironment.logger)
                let line = metrics.split(separator: "\n").first {
                    $0.hasPrefix("zenglow_performance_records_dropped_total ")
                }
                return line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
            }
        }
        #expect(dropped >= requests - 1 - 2, "all but the one being written and the two buffered: \(dropped)")
        #expect(try await Self.records(environment).count == requests - dropped, "every record written or counted")
    }

    // MARK: - The scrubber and the cache entry on their own

    @Test(
        "the scrubber replaces e-mail addresses, URLs and runs of 4+ digits, and nothing else",
        arguments: [
            ("insulin and glucose", "insulin and glucose"),
            ("mail jane.doe+rag@example.co.uk now", "mail [email] now"),
            ("jöns@exämple.se asked", "[email] asked"),
            ("see https://example.org/a/b?c=1, then", "see [url], then"),
            ("see (www.example.org/path).", "see ([url])."),
            ("ftp://files.example.org/x.pdf", "[url]"),
            ("call 555-123-4567 today", "call [number] today"),
            ("call +44 20 7946 0958", "call [number]"),
            ("card 4111 1111 1111 1111 expired", "card [number] expired"),
            ("patient 123456 in 2024", "patient [number] in [number]"),
            ("top 3 of 12 results, 1,000 mg, pH 7.4", "top 3 of 12 results, 1,000 mg, pH 7.4"),
            ("key zg_abcd1234_efgh5678 leaked", "key [api-key] leaked"),
            ("tab\there\u{0}nul", "tab here nul"),
        ])
    func scrubber(input: String, expected: String) {
        #expect(QueryTextScrubber.scrub(input) == expected)
    }

    @Test("the scrubbed text is cut to 2000 characters as PostgreSQL counts them, after scrubbing")
    func scrubberLimit() {
        #expect(QueryTextScrubber.scrub(String(repeating: "a", count: 5000)).unicodeScalars.count == 2000)
        // e + combining acute: one Character, two scalars; PostgreSQL counts two.
        let accented = QueryTextScrubber.scrub(String(repeating: "e\u{301}", count: 1500))
        #expect(accented.unicodeScalars.count == 2000)
        // An address straddling the cut is scrubbed whole first, never cut into a readable piece.
        let straddling = QueryTextScrubber.scrub(String(repeating: "x ", count: 997) + "jane.doe@example.com")
        #expect(!straddling.contains("jane"))
    }

    @Test("a record is sent with the field names record_performance takes, nil fields left out")
    func recordFields() throws {
        var record = PerformanceRecord(
            tenant: "t1", requestID: "r", endpoint: "/rag/query", status: 429, totalMilliseconds: 1.5)
        let sparse = try JSONSerialization.jsonObject(with: JSONEncoder().encode(record)) as? [String: Any]
        #expect(
            Set(sparse?.keys.map { $0 } ?? []) == ["request_id", "endpoint", "status", "cache_hit", "total_ms", "ts"])
        record.errorCode = "rate_limited"
        record.degradedReason = "no_embedding"
        record.mode = "fusion"
        record.topK = 10
        record.resultCount = 2
        record.weightsVersion = 1
        record.ltrVersion = 1
        record.model = "m"
        record.embedMilliseconds = 1
        record.retrieveMilliseconds = 1
        record.featuresMilliseconds = 1
        record.ltrMilliseconds = 1
        record.fusionMilliseconds = 1
        record.resultSources = ["pubmed": 2]
        record.topDocuments = ["a", "b"]
        record.queryText = "q"
        let full = try JSONSerialization.jsonObject(with: JSONEncoder().encode(record)) as? [String: Any]
        #expect(
            Set(full?.keys.map { $0 } ?? []) == [
                "request_id", "endpoint", "status", "cache_hit", "total_ms", "ts", "error_code", "degraded_reason",
                "mode", "top_k", "result_count", "weights_version", "ltr_version", "model", "embed_ms", "retrieve_ms",
                "features_ms", "ltr_ms", "fusion_ms", "result_sources", "top_documents", "query_text",
            ])
        #expect(full?["result_sources"] as? [String: Int] == ["pubmed": 2])
    }

    @Test("a cache entry keeps the result fields; entries from before they existed still decode")
    func cachedAnswer() throws {
        let summary = CachedAnswer.Summary(
            resultCount: 2, ltrVersion: 3, degraded: nil, resultSources: ["pubmed": 2],
            topDocuments: ["a\nb", "c"])
        let answer = CachedAnswer(summary: summary, body: #"{"results":[]}"#)
        #expect(CachedAnswer(stored: answer.stored) == answer)
        let old = try #require(CachedAnswer(stored: "7\n{\"results\":[]}"))
        #expect(old.summary == CachedAnswer.Summary(resultCount: 7))
        #expect(old.body == #"{"results":[]}"#)
        #expect(CachedAnswer(stored: "-\n{}")?.summary == CachedAnswer.Summary())
        #expect(CachedAnswer(stored: "x\n{}") == nil)
        #expect(CachedAnswer(stored: "{\"result_count\": \"two\"}\n{}") == nil)
    }
}

/// An embedder that holds every call until released: a request that takes as long as a test needs.
final class HeldEmbedder: TextEmbedder {
    let model = "all-MiniLM-L6-v2"
    let dimensions = 384
    private let state = Mutex((waiting: false, released: false))

    /// Whether a call is waiting for ``release()``.
    var waiting: Bool { state.withLock { $0.waiting } }

    func release() { state.withLock { $0.released = true } }

    func embed(_ texts: [String]) async throws -> [[Float]] {
        state.withLock { $0.waiting = true }
        while !state.withLock({ $0.released }) { try await Task.sleep(for: .milliseconds(10)) }
        return texts.map { _ in axisEmbedding(1).map(Float.init) }
    }
}
