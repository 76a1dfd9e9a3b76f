import Foundation
import Logging
import PostgresNIO
import Testing
import ZenGlowDB
import ZenGlowStats
import ZenGlowTestSupport

/// The screens on a migrated database: known query_performance rows, rolled up by
/// run_maintenance, read back as zenglow_analyst.
@Suite("stats screens on a database")
struct StatsScreensTests {
    static let logger = Logger(label: "test.stats")

    /// acme, two hours ago (rolled up): 100 answers of 1…100 ms (mode hybrid, embed 2 ms, every
    /// fourth a cache hit), 2 client errors (404), 3 rate-limited (429), 2 overloaded (503),
    /// 5 server errors (500). beta, a minute ago (past the watermark): 20 answers of 10 ms.
    static let seed = """
        select zenglow.create_tenant('acme'), zenglow.create_tenant('beta');
        insert into zenglow.query_performance
            (ts, tenant_id, endpoint, status, cache_hit, result_count, mode, model, embed_ms, total_ms)
        select date_bin('1 hour', now(), timestamptz '2000-01-01') - interval '2 hours' + i * interval '10 seconds',
            'acme', '/rag/query', 200, i % 4 = 0, 10, 'hybrid', 'minilm', 2.0, i
        from generate_series(1, 100) i;
        insert into zenglow.query_performance (ts, tenant_id, endpoint, status, error_code, mode, total_ms)
        select date_bin('1 hour', now(), timestamptz '2000-01-01') - interval '2 hours' + interval '30 minutes',
            'acme', '/rag/query', e.status, e.code, 'hybrid', 5
        from (values (404, 'not_found'), (404, 'not_found'), (429, 'rate_limited'), (429, 'rate_limited'),
            (429, 'rate_limited'), (503, 'overloaded'), (503, 'overloaded'), (500, 'internal'), (500, 'internal'),
            (500, 'internal'), (502, 'upstream'), (500, 'internal')) as e (status, code);
        insert into zenglow.query_performance (ts, tenant_id, endpoint, status, cache_hit, result_count, total_ms)
        select now() - interval '1 minute', 'beta', '/rag/query', 200, false, 5, 10
        from generate_series(1, 20);
        select zenglow.run_maintenance();
        """

    static func seeded() async throws -> TestDatabase {
        let database = try await TestServers.shared.makeSchemaDatabase()
        try await database.withConnection { connection in
            try await connection.execute(PostgresQuery(unsafeSQL: "set time zone 'UTC'"), logger: logger)
            for statement in seed.split(separator: ";\n") {
                try await connection.execute(PostgresQuery(unsafeSQL: String(statement)), logger: logger)
            }
        }
        return database
    }

    static func report(_ database: TestDatabase, _ request: StatsRequest) async throws -> StatsReport {
        try await database.withConnection { connection in
            let session = try await StatsSession(analystOn: connection, user: "postgres", logger: logger)
            return try await session.report(request)
        }
    }

    /// The exact percentile of raw total_ms rows (`filter` picks them).
    static func exact(_ database: TestDatabase, _ q: Double, filter: String = "true") async throws -> Double {
        try await database.withConnection { connection in
            let rows = try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        select percentile_disc(\(q)) within group (order by total_ms)
                        from zenglow.query_performance where \(filter)
                        """), logger: logger)
            for try await value in rows.decode(Double.self) { return value }
            throw TestSupportError("no percentile")
        }
    }

    static func near(_ value: StatsValue?, _ exact: Double) -> Bool {
        guard case .number(let value) = value else { return false }
        return abs(value - exact) / exact <= 0.0905
    }

    @Test("latency: requests and p50/p95/p99 per tenant within 9.05% of the exact, the real-time rows included")
    func latency() async throws {
        let database = try await Self.seeded()
        let report = try await Self.report(
            database, try StatsRequest(screen: "latency", since: "24h", by: "tenant", bucket: nil))
        #expect(report.header == "latency per tenant, last 24h by 1h buckets (1h rollups + real-time)")
        let acme = report.rows.filter { $0["group"] == .text("acme") }
        let beta = report.rows.filter { $0["group"] == .text("beta") }
        #expect(acme.count == 1)
        #expect(beta.count == 1, "the minute-old rows past the watermark are missing")
        #expect(acme.first?["answers"] == .integer(100), "the 12 refusals and errors are not latency")
        #expect(beta.first?["answers"] == .integer(20))
        for (field, q) in [("p50_ms", 0.5), ("p95_ms", 0.95), ("p99_ms", 0.99)] {
            let exact = try await Self.exact(database, q, filter: "tenant_id = 'acme' and status < 400")
            #expect(
                Self.near(acme.first?[field], exact), "\(field): \(String(describing: acme.first?[field])) vs \(exact)")
        }
        #expect(Self.near(beta.first?["p95_ms"], 10))

        let table = try report.render(.table)
        let lines = table.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines.contains { $0.hasPrefix("acme ") && $0.contains(" 100 ") })
        #expect(lines.contains { $0.hasPrefix("beta ") && $0.contains(" 20 ") })

        let json = try JSONSerialization.jsonObject(with: Data(try report.render(.json).utf8)) as? [[String: Any]]
        #expect(json?.count == 2)
        #expect(json?.first.map { Set($0.keys) } == ["bucket", "group", "answers", "p50_ms", "p95_ms", "p99_ms"])
    }

    @Test("latency over everything and by stage; the 5m level gives the same numbers as 1h")
    func latencyAllAndStages() async throws {
        let database = try await Self.seeded()
        let all = try await Self.report(
            database, try StatsRequest(screen: "latency", since: "24h", by: nil, bucket: "1h"))
        let fine = try await Self.report(
            database, try StatsRequest(screen: "latency", since: "24h", by: nil, bucket: "30m"))
        #expect(fine.header.contains("5m rollups"))
        let exact = try await Self.exact(database, 0.95, filter: "status < 400")
        let total = try all.render(.table).split(separator: "\n").first { $0.hasPrefix("all ") }
        #expect(total?.contains(" 120 ") == true, "\(String(describing: total))")
        #expect(all.rows.map { $0["answers"] } == [.integer(100), .integer(20)])
        #expect(
            fine.rows.reduce(0) { sum, row in if case .integer(let n) = row["answers"] { sum + n } else { sum } }
                == 120)
        let p95 = try #require(all.sections.first?.table.rows.first?[3])
        guard case .text(let text) = p95, let value = Double(text) else {
            Issue.record("p95 cell \(p95)")
            return
        }
        #expect(abs(value - exact) / exact <= 0.0905)

        let stages = try await Self.report(
            database, try StatsRequest(screen: "latency", since: "24h", by: "stage", bucket: nil))
        let groups = stages.sections.first?.table.rows.compactMap { row -> String? in
            if case .text(let name) = row[0] { name } else { nil }
        }
        #expect(groups == ["total", "embed"])
        let embed = stages.rows.first { $0["group"] == .text("embed") }
        #expect(embed?["answers"] == .integer(100))
        #expect(Self.near(embed?["p50_ms"], 2))
    }

    @Test("errors: client, throttled (429 and overloaded 503) and server (other 5xx) per tenant and mode")
    func errors() async throws {
        let database = try await Self.seeded()
        let report = try await Self.report(
            database, try StatsRequest(screen: "errors", since: "24h", by: "tenant", bucket: nil))
        let acme = try #require(report.rows.first { $0["group"] == .text("acme") })
        #expect(acme["requests"] == .integer(112))
        #expect(acme["errors_client"] == .integer(2))
        #expect(acme["errors_throttled"] == .integer(5))
        #expect(acme["errors_server"] == .integer(5))
        #expect(acme["error_rate"] == .number(12.0 / 112))
        let line = try report.render(.table).split(separator: "\n").first { $0.hasPrefix("acme") }
        #expect(line?.contains("10.7%") == true, "\(String(describing: line))")

        let byMode = try await Self.report(
            database, try StatsRequest(screen: "errors", since: "24h", by: "mode", bucket: nil))
        #expect(Set(byMode.rows.compactMap { $0["group"] }) == [.text("hybrid"), .text("(none)")])
    }

    @Test("cache: hits and hit ratio per tenant; CSV has a header and a line per bucket")
    func cache() async throws {
        let database = try await Self.seeded()
        let report = try await Self.report(
            database, try StatsRequest(screen: "cache", since: "24h", by: "tenant", bucket: nil, csv: true))
        let csv = try report.render(.csv).split(separator: "\n")
        #expect(csv.first == "bucket,group,requests,cache_hits,hit_ratio")
        #expect(csv.count == 3)
        #expect(csv.contains { $0.hasSuffix(",acme,112,25,\(25.0 / 112)") }, "\(csv)")
        #expect(csv.contains { $0.hasSuffix(",beta,20,0,0.0") }, "\(csv)")
    }

    @Test("an empty range is one line; the other screens read their views as the analyst")
    func emptyAndOthers() async throws {
        let database = try await TestServers.shared.makeSchemaDatabase()
        let latency = try await Self.report(
            database, try StatsRequest(screen: "latency", since: "2w", by: nil, bucket: nil))
        #expect(try latency.render(.table) == "no queries recorded in the last 2w")
        for screen in ["ingest", "drift"] {
            do {
                let report = try await Self.report(
                    database, try StatsRequest(screen: screen, since: "7d", by: nil, bucket: nil))
                #expect(report.isEmpty, "\(screen)")
                #expect(try report.render(.table).hasPrefix("no "))
            } catch {
                Issue.record("\(screen): \(String(reflecting: error))")
            }
        }
        // A fresh schema's own changes: the migration's global fusion weights and LTR model.
        let weights = try await Self.report(
            database, try StatsRequest(screen: "weights", since: "7d", by: nil, bucket: nil))
        #expect(weights.rows.map { $0["kind"] } == [.text("fusion_weights"), .text("ltr_model")])
        #expect(weights.rows.first?["group"] == .text("_global"))
        #expect(weights.rows.first?["actor"] == .text("zenglow migrate"))
        #expect(weights.rows.first?["p95_before_ms"] == .null)
        let table = try weights.render(.table).split(separator: "\n")
        #expect(table.allSatisfy { $0.count <= 80 })
        #expect(table.contains { $0.contains("_global") && $0.contains("fusion_weights") && $0.contains("- → -") })
    }

    @Test("ingest and drift: two loaded batches give their counts, acceptance, and the second's source drift")
    func ingestAndDrift() async throws {
        let database = try await TestServers.shared.makeSchemaDatabase()
        try await database.withConnection { connection in
            try await connection.execute("select zenglow.create_tenant('acme')", logger: Self.logger)
            try await connection.execute(
                """
                insert into zenglow.batches (tenant_id, batch_tag, content_hash, state, reason, accepted, rejected,
                    by_source, created_at, finished_at)
                values
                    ('acme', 'b1', 'sha256:' || repeat('1', 64), 'done', 'success', 90, 10, '{"wiki": 60, "pubmed": 30}',
                        now() - interval '3 hours', now() - interval '3 hours' + interval '10 seconds'),
                    ('acme', 'b2', 'sha256:' || repeat('2', 64), 'done', 'success', 100, 0, '{"wiki": 50, "arxiv": 50}',
                        now() - interval '2 hours', now() - interval '2 hours' + interval '30 seconds')
                """, logger: Self.logger)
        }
        let ingest = try await Self.report(
            database, try StatsRequest(screen: "ingest", since: "7d", by: nil, bucket: nil))
        #expect(ingest.header == "ingest per tenant, last 7d by 1d buckets (zenglow_stats.ingest_daily)")
        let line = try ingest.render(.table).split(separator: "\n").first { $0.hasPrefix("acme") }
        // batches, accepted, rejected, acceptance, failed, healed, p50 s (the median of the days' medians: 20 s
        // whether both batches fall on one UTC day or two).
        #expect(
            line?.split(separator: " ").prefix(8) == ["acme", "2", "190", "10", "95.0%", "0", "0", "20.0"],
            "\(String(describing: line))")
        #expect(
            ingest.rows.reduce(0) { sum, row in if case .integer(let n) = row["batches"] { sum + n } else { sum } } == 2
        )

        let drift = try await Self.report(
            database, try StatsRequest(screen: "drift", since: "24h", by: nil, bucket: nil))
        let batch = try #require(drift.rows.first { $0["series"] == .text("batch_sources") })
        #expect(batch["batch_tag"] == .text("b2"))
        #expect(batch["previous_batch_tag"] == .text("b1"))
        #expect(batch["sources_added"] == .texts(["arxiv"]))
        #expect(batch["sources_dropped"] == .texts(["pubmed"]))
        guard case .number(let divergence) = batch["js_divergence"] else {
            Issue.record("no divergence: \(batch)")
            return
        }
        #expect(divergence > 0 && divergence < 1)
        let text = try drift.render(.table)
        #expect(text.contains("acme    b2     b1"), "\(text)")
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test("a login that is not a member of zenglow_analyst is told what to grant")
    func notAnAnalyst() async throws {
        let database = try await TestServers.shared.makeSchemaDatabase()
        // Roles belong to the cluster: named after this test's own database.
        let outsider = "outsider_\(database.name)"
        try await database.withConnection { connection in
            try await connection.execute(PostgresQuery(unsafeSQL: "create role \(outsider) login"), logger: Self.logger)
        }
        var url = database.databaseURL
        url.user = outsider
        do {
            _ = try await StatsSession.report(
                try StatsRequest(screen: "latency", since: nil, by: nil, bucket: nil), database: url,
                logger: Self.logger)
            Issue.record("an outsider read the stats")
        } catch {
            #expect(
                "\(error)"
                    == "the login \(outsider) cannot read as zenglow_analyst: grant zenglow_analyst to \(outsider)",
                "\(String(reflecting: error))")
        }
        try await database.withConnection { connection in
            try await connection.execute(PostgresQuery(unsafeSQL: "drop role \(outsider)"), logger: Self.logger)
        }
    }
}
