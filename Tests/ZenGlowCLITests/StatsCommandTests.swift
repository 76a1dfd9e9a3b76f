import Foundation
import Testing
import ZenGlowTestSupport

@Suite("zenglow stats")
struct StatsCommandTests {
    @Test(
        "a bad argument is one line naming it, exit 2, before any connection",
        arguments: [
            (
                ["--by", "nonsense"],
                "zenglow stats: --by must be tenant, mode, model or stage for latency (got 'nonsense')"
            ),
            (
                ["--since", "-1h"],
                "zenglow stats: --since must be a positive duration like 30m, 24h, 7d or 2w (got '-1h')"
            ),
            (["--bucket", "7m"], "zenglow stats: --bucket must be a multiple of 5m for latency (got '7m')"),
            (
                ["--bucket", "hourly"],
                "zenglow stats: --bucket must be a positive duration like 30m, 24h, 7d or 2w (got 'hourly')"
            ),
            (["--json", "--csv"], "zenglow stats: --json and --csv cannot be used together: choose one"),
        ])
    func badArguments(arguments: [String], line: String) async throws {
        let outcome = try await ZenGlowExecutable.run(
            ["stats", "latency"] + arguments,
            environment: ["DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none?sslmode=disable"])
        #expect(outcome.status == 2)
        #expect(outcome.standardError == line + "\n")
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test("stats latency --json on seeded data is an array of series rows; the table is the same numbers")
    func latencyJSON() async throws {
        let cli = try await CLITestDatabase.make()
        _ = try await cli.value(
            """
            with tenant as (select zenglow.create_tenant('acme')),
            rows as (
                insert into zenglow.query_performance (ts, tenant_id, endpoint, status, mode, total_ms)
                select date_bin('1 hour', now(), timestamptz '2000-01-01') - interval '3 hours' + i * interval '1 second',
                    'acme', '/rag/query', 200, 'hybrid', i
                from tenant, generate_series(1, 200) i
                returning 1
            )
            select count(*)::text from rows
            """)
        let maintained = try await cli.run("maintain")
        #expect(maintained.status == 0, "\(maintained.standardError)")
        let outcome = try await cli.run("stats", "latency", "--by", "mode", "--json")
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let rows = try JSONDecoder().decode([Row].self, from: Data(outcome.standardOutput.utf8))
        #expect(rows.count == 1)
        #expect(rows.first?.group == "hybrid")
        #expect(rows.first?.answers == 200)
        let p95 = try #require(rows.first?.p95)
        #expect(abs(p95 - 190) / 190 <= 0.0905)
        #expect(rows.first?.bucket.hasSuffix(":00:00Z") == true)

        let table = try await cli.run("stats", "latency", "--by", "mode")
        #expect(table.status == 0, "\(table.standardError)")
        let lines = table.standardOutput.split(separator: "\n")
        #expect(lines.first == "latency per mode, last 24h by 1h buckets (1h rollups + real-time)")
        #expect(lines.contains { $0.hasPrefix("hybrid ") && $0.contains(" 200 ") })
        #expect(lines.allSatisfy { $0.count <= 80 })
    }

    @Test("ANALYST_DATABASE_URL wins over DATABASE_URL")
    func analystURL() async throws {
        let cli = try await CLITestDatabase.make()
        let outcome = try await ZenGlowExecutable.run(
            ["stats", "cache"],
            environment: cli.environment.merging([
                "ANALYST_DATABASE_URL": "postgresql://analyst@127.0.0.1:1/none?sslmode=disable"
            ]) { $1 })
        #expect(outcome.status == 1)
        #expect(
            outcome.standardError.hasPrefix("zenglow stats cache: PostgreSQL connection failed"),
            "\(outcome.standardError)")
        #expect(outcome.standardError.split(separator: "\n").count == 1)
        let direct = try await cli.run("stats", "cache")
        #expect(direct.status == 0, "\(direct.standardError)")
        #expect(direct.standardOutput == "no queries recorded in the last 24h\n")
    }

    struct Row: Decodable {
        let bucket: String
        let group: String
        let answers: Int
        let p50: Double?
        let p95: Double?
        let p99: Double?

        enum CodingKeys: String, CodingKey {
            case bucket, group, answers
            case p50 = "p50_ms"
            case p95 = "p95_ms"
            case p99 = "p99_ms"
        }
    }
}
