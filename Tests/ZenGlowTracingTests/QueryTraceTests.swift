import AsyncHTTPClient
import Foundation
import NIOCore
import PostgresNIO
import Testing
import ZenGlowTestSupport

/// One `POST /rag/query` through a real `zenglow serve` whose embedder is a second real
/// `zenglow serve` (`EMBED_PROVIDER=openai` pointed at its `/v1/embeddings`), both exporting to a
/// real OTLP/HTTP receiver on loopback.
@Suite("traces of one query")
struct QueryTraceTests {
    /// A query no attribute may carry (its words, not just its whole).
    static let query = "zebra lighthouse tracing question"

    @Test(
        "the span tree continues the caller's traceparent, reaches the embedder, and its trace id is in the log line and application_name"
    )
    func spanTree() async throws {
        let setup = try await Self.tenantWithKey()
        let traceID = Self.randomHex(16)
        let callerSpanID = Self.randomHex(8)
        let observed = try await OTLPReceiver.serving { receiver in
            try await Self.observeOneQuery(
                setup: setup, receiver: receiver, traceparent: "00-\(traceID)-\(callerSpanID)-01")
        }
        #expect(observed.status == 200)
        #expect(
            observed.applicationName?.hasPrefix("zenglow-api trace=\(traceID) ") == true,
            "\(observed.applicationName ?? "none")")
        let spans = observed.spans
        #expect(observed.arrived, "spans of the trace: \(spans)")

        let http = try #require(spans.first { $0.name == "POST /rag/query" })
        #expect(http.service == "zenglow-api")
        #expect(http.kind == 2)
        #expect(http.parentSpanID == callerSpanID)
        #expect(http.attributes["http.request.method"] == "POST")
        #expect(http.attributes["http.route"] == "/rag/query")
        #expect(http.attributes["http.response.status_code"] == "200")
        #expect(http.attributes["zg.tenant"] == "acme")

        let auth = try #require(spans.first { $0.name == "auth.key_check" && $0.service == "zenglow-api" })
        #expect(auth.parentSpanID == http.spanID)
        #expect(auth.attributes["zg.tenant"] == "acme")
        let cache = try #require(spans.first { $0.name == "cache.lookup" })
        #expect(cache.parentSpanID == http.spanID)
        #expect(cache.attributes["zg.cache.result"] == "miss")
        let embed = try #require(spans.first { $0.name == "embed" && $0.service == "zenglow-api" })
        #expect(embed.parentSpanID == http.spanID)
        #expect(embed.attributes["zg.embed.provider"] == "openai")
        // The embedder continued the trace from the traceparent sent with the embed span's request
        // (AsyncHTTPClient's client span, child of embed, when the client has the tracer).
        let embedderServer = try #require(spans.first { $0.name == "POST /v1/embeddings" })
        #expect(embedderServer.service == "zenglow-embedder")
        let client = spans.first { $0.kind == 3 && $0.attributes["url.path"] == "/v1/embeddings" }
        #expect(client == nil || client?.parentSpanID == embed.spanID)
        #expect(embedderServer.parentSpanID == (client ?? embed).spanID)

        // The SQL call, and one child per stage rag_query timed.
        let sqlCalls = spans.filter { $0.name == "sql.rag_query" }
        #expect(sqlCalls.count == 1)
        let call = try #require(sqlCalls.first)
        #expect(call.parentSpanID == http.spanID, "\(call)")
        #expect(call.attributes["zg.tenant"] == "acme")
        let stages = spans.filter { $0.name.hasPrefix("rag_query.") }
        #expect(
            stages.map(\.name).sorted()
                == ["rag_query.features", "rag_query.fusion", "rag_query.lexical", "rag_query.ltr", "rag_query.vector"])
        for stage in stages {
            #expect(stage.parentSpanID == call.spanID, "\(stage)")
        }

        let words = Self.query.split(separator: " ").map { String($0) }
        for span in spans {
            for (key, value) in span.attributes where words.contains(where: value.contains) {
                Issue.record("\(span.name)'s \(key) carries query text without LOG_QUERY_TEXT: \(value)")
            }
        }
        #expect(observed.requestLineTraceID == traceID)
    }

    /// What one traced query left behind.
    struct Observed: Sendable {
        var status: UInt
        var applicationName: String?
        var arrived: Bool
        var spans: [ExportedSpan]
        /// `trace_id` of the API's `request` log line for the query.
        var requestLineTraceID: String?
    }

    /// Starts the embedder and the API (tracing to `receiver`), sends one query with `traceparent`
    /// while its SQL waits on a lock the test holds (long enough to read its `application_name`),
    /// waits for the spans, stops both servers.
    static func observeOneQuery(setup: Setup, receiver: OTLPReceiver, traceparent: String) async throws -> Observed {
        let traceID = String(traceparent.split(separator: "-")[1])
        let tracing = [
            "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.endpoint, "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
            "OTEL_BSP_SCHEDULE_DELAY": "100", "LOG_QUERY_TEXT": "false",
        ]
        let embedder = try await TracedServer.start(
            environment: setup.environment.merging(tracing) { $1 }.merging([
                "OTEL_SERVICE_NAME": "zenglow-embedder", "EMBED_PROVIDER": "local",
                "EMBED_MODEL_DIR": TestModel.directory.url.path, "REDIS_ENABLED": "false",
            ]) { $1 })
        let api = try await TracedServer.start(
            environment: setup.environment.merging(tracing) { $1 }.merging([
                "EMBED_PROVIDER": "openai", "EMBED_BASE_URL": embedder.url + "/v1", "EMBED_API_KEY": setup.key,
                "EMBED_TIMEOUT_MS": "60000", "REDIS_HOST": "127.0.0.1", "REDIS_PORT": String(setup.redisPort),
                "REDIS_KEY_PREFIX": "zgtrace_" + setup.database.name, "CACHE_ENABLED": "true",
            ]) { $1 })
        let (status, applicationName) = try await setup.database.withConnection { connection in
            try await connection.query("begin", logger: Self.logger)
            try await connection.query("lock table zenglow.chunks in access exclusive mode", logger: Self.logger)
            async let answer = Self.ragQuery(api, key: setup.key, traceparent: traceparent)
            var seen: String?
            _ = try await eventually(within: .seconds(60), every: .milliseconds(20)) {
                seen = try await Self.waitingApplicationName(connection)
                return seen != nil
            }
            try await connection.query("rollback", logger: Self.logger)
            return (try await answer, seen)
        }
        let arrived = await eventually(within: .seconds(60), every: .milliseconds(100)) {
            let names = Set(receiver.spans.filter { $0.traceID == traceID }.map(\.name))
            return names.isSuperset(of: ["POST /rag/query", "auth.key_check", "cache.lookup", "embed"])
                && names.contains("POST /v1/embeddings")
        }
        let lines = await api.stop()
        _ = await embedder.stop()
        let requestLine = lines.first { $0["msg"] as? String == "request" && $0["zg.route"] as? String == "/rag/query" }
        return Observed(
            status: status, applicationName: applicationName, arrived: arrived,
            spans: receiver.spans.filter { $0.traceID == traceID },
            requestLineTraceID: requestLine?["trace_id"] as? String)
    }

    @Test("with OTEL_SDK_DISABLED=true nothing is exported and log lines carry no trace id")
    func disabled() async throws {
        let setup = try await Self.tenantWithKey()
        try await OTLPReceiver.serving { receiver in
            let api = try await TracedServer.start(
                environment: setup.environment.merging([
                    "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.endpoint, "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
                    "OTEL_BSP_SCHEDULE_DELAY": "100", "OTEL_SDK_DISABLED": "true", "EMBED_PROVIDER": "none",
                    "REDIS_ENABLED": "false",
                ]) { $1 })
            let status = try await Self.ragQuery(
                api, key: setup.key, traceparent: "00-\(Self.randomHex(16))-\(Self.randomHex(8))-01")
            // A graceful stop would flush an exporter: after it, nothing more can arrive.
            let lines = await api.stop()
            #expect(status == 200)
            #expect(receiver.requests == 0)
            let requestLine = lines.first {
                $0["msg"] as? String == "request" && $0["zg.route"] as? String == "/rag/query"
            }
            #expect(requestLine != nil)
            #expect(requestLine?["trace_id"] == nil)
        }
    }

    @Test(
        "with LOG_QUERY_TEXT=true the SQL span carries the scrubbed query; the local encoder's embedding is an embed span"
    )
    func queryTextWhenAsked() async throws {
        let setup = try await Self.tenantWithKey()
        let traceID = Self.randomHex(16)
        let spans = try await OTLPReceiver.serving { receiver in
            let api = try await TracedServer.start(
                environment: setup.environment.merging([
                    "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.endpoint, "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
                    "OTEL_BSP_SCHEDULE_DELAY": "100", "LOG_QUERY_TEXT": "true", "EMBED_PROVIDER": "local",
                    "EMBED_MODEL_DIR": TestModel.directory.url.path, "REDIS_ENABLED": "false",
                ]) { $1 })
            let status = try await Self.ragQuery(
                api, key: setup.key, traceparent: "00-\(traceID)-\(Self.randomHex(8))-01")
            #expect(status == 200)
            _ = await eventually(within: .seconds(60), every: .milliseconds(100)) {
                Set(receiver.spans.filter { $0.traceID == traceID }.map(\.name)).isSuperset(of: [
                    "sql.rag_query", "embed",
                ])
            }
            _ = await api.stop()
            return receiver.spans.filter { $0.traceID == traceID }
        }
        let call = try #require(spans.first { $0.name == "sql.rag_query" }, "spans: \(spans.map(\.name))")
        #expect(call.attributes["zg.query.text"] == Self.query)
        let embed = try #require(spans.first { $0.name == "embed" })
        #expect(embed.attributes["zg.embed.provider"] == "local")
        #expect(embed.parentSpanID == spans.first { $0.name == "POST /rag/query" }?.spanID)
    }

    // MARK: - Set-up

    static let logger = Logger(label: "test.tracing")

    struct Setup {
        let database: TestDatabase
        let key: String
        let redisPort: Int
        var environment: [String: String] { ["DATABASE_URL": database.url, "PERFORMANCE_FLUSH_MS": "10"] }
    }

    /// A migrated database with tenant `acme` and a key of it with the query and embed scopes.
    static func tenantWithKey() async throws -> Setup {
        let database = try await TestServers.shared.makeSchemaDatabase()
        let environment = ["DATABASE_URL": database.url]
        let tenant = try await ZenGlowExecutable.run(["tenants", "create", "acme"], environment: environment)
        #expect(tenant.status == 0, "\(tenant.standardError)")
        let created = try await ZenGlowExecutable.run(
            ["keys", "create", "--tenant", "acme", "--scopes", "query,embed", "--json"], environment: environment)
        struct Created: Decodable { let key: String }
        let key = try JSONDecoder().decode(Created.self, from: Data(created.standardOutput.utf8)).key
        return Setup(database: database, key: key, redisPort: try await TestServers.shared.redis().settings.port)
    }

    /// POSTs the query with `traceparent`; the status.
    static func ragQuery(_ server: TracedServer, key: String, traceparent: String) async throws -> UInt {
        var request = HTTPClientRequest(url: server.url + "/rag/query")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "traceparent", value: traceparent)
        request.body = .bytes(ByteBuffer(string: #"{"query":"\#(query)","top_k":3}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        return response.status.code
    }

    /// The application_name of a backend of this database waiting on a lock, if any.
    static func waitingApplicationName(_ connection: PostgresConnection) async throws -> String? {
        // Inside a transaction pg_stat_activity is read once and then repeated: a fresh read each time.
        try await connection.query("select pg_stat_clear_snapshot()", logger: logger)
        let rows = try await connection.query(
            """
            select application_name from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()
            """, logger: logger)
        for try await name in rows.decode(String.self) { return name }
        return nil
    }

    static func randomHex(_ bytes: Int) -> String {
        (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}
