import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import Testing
import ZenGlowTestSupport

@testable import ZenGlowAPI

/// The SQL of deploy/grafana's dashboards, run against a migrated database as Grafana runs it:
/// as zenglow_analyst, with Grafana's macros expanded.
@Suite("Grafana dashboards' SQL")
struct MonitoringFilesTests {
    /// A dashboard's time range, as Grafana would hand it to the data source.
    struct TimeRange {
        let from: Date
        let to: Date
    }

    /// `sql` with Grafana's PostgreSQL macros and the dashboards' variables expanded the way Grafana
    /// expands them: `$__timeFilter(x)` → `x BETWEEN '<from>' AND '<to>'`, `$__timeGroupAlias(x, 1h)`
    /// → `floor(extract(epoch from x)/3600)*3600 AS "time"`, `$__timeFrom()`, `$__timeTo()`,
    /// `$__interval`, and `$tenant` (a multi-value variable) → `'t1'`.
    static func expand(_ sql: String, range: TimeRange, tenant: String) throws -> String {
        let iso = ISO8601DateFormatter()
        var text = sql.replacingOccurrences(of: "$__interval", with: "5m")
            .replacingOccurrences(of: "${tenant}", with: "'\(tenant)'")
            .replacingOccurrences(of: "$tenant", with: "'\(tenant)'")
            .replacingOccurrences(of: "$__timeFrom()", with: "'\(iso.string(from: range.from))'")
            .replacingOccurrences(of: "$__timeTo()", with: "'\(iso.string(from: range.to))'")
        func seconds(_ interval: String) throws -> Int {
            let units = ["s": 1, "m": 60, "h": 3600, "d": 86400]
            guard let unit = interval.last.flatMap({ units[String($0)] }), let count = Int(interval.dropLast()) else {
                throw TestSupportError("not a Grafana interval: \(interval)")
            }
            return count * unit
        }
        for macro in ["$__timeGroupAlias", "$__timeGroup", "$__timeFilter"] {
            while let start = text.range(of: macro + "(") {
                var depth = 1
                var end = start.upperBound
                while depth > 0, end < text.endIndex {
                    if text[end] == "(" { depth += 1 }
                    if text[end] == ")" { depth -= 1 }
                    end = text.index(after: end)
                }
                let arguments = text[start.upperBound..<text.index(before: end)].split(separator: ",")
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                let expansion: String
                switch macro {
                case "$__timeFilter":
                    expansion =
                        "\(arguments[0]) BETWEEN '\(iso.string(from: range.from))' AND '\(iso.string(from: range.to))'"
                default:
                    let step = try seconds(arguments.count > 1 ? arguments[1] : "5m")
                    expansion =
                        "floor(extract(epoch from \(arguments[0]))/\(step))*\(step)"
                        + (macro == "$__timeGroupAlias" ? " AS \"time\"" : "")
                }
                text.replaceSubrange(start.lowerBound..<end, with: expansion)
            }
        }
        if let left = text.range(of: #"\$[A-Za-z_{]"#, options: .regularExpression) {
            throw TestSupportError("an unexpanded Grafana variable or macro at \(text[left.lowerBound...].prefix(30))")
        }
        return text
    }

    @Test("every SQL query of the dashboards runs as zenglow_analyst on a migrated database with data in it")
    func sqlRunsAsAnalyst() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        // Something to read: a loaded batch, answered and cached queries, a maintenance run.
        let api = try environment.application()
        try await api.application.test(.router) { client in
            let loaded = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key), body: jsonBody(demoBatch(tag: "grafana")))
            #expect(loaded.status == .created, "\(loaded.text)")
            for query in ["insulin", "photons", "insulin"] {
                let answer = try await client.execute(
                    uri: "/rag/query", method: .post, headers: .bearer(key),
                    body: jsonBody(["query": query, "embedding": axisEmbedding(1), "top_k": 3]))
                #expect(answer.status == .ok, "\(answer.text)")
            }
        }
        let recorded = try await eventually(within: .seconds(30)) {
            try await environment.count("select count(*) from zenglow.query_performance") >= 3
        }
        #expect(recorded, "the three queries were recorded")
        try await environment.run("select zenglow.run_maintenance()")

        let range = TimeRange(from: Date().addingTimeInterval(-7 * 86400), to: Date().addingTimeInterval(60))
        let queries = try DashboardFile.all().flatMap(\.sql)
        #expect(queries.count >= 15, "the dashboards' SQL was read: \(queries.count) queries")
        var rowsByPlace: [String: Int] = [:]
        try await environment.database.withConnection { connection in
            _ = try await connection.query("set role zenglow_analyst", logger: APITestEnvironment.logger)
            for query in queries {
                let sql = try Self.expand(query.text, range: range, tenant: "t1")
                do {
                    var rows = 0
                    for try await _ in try await connection.query(
                        PostgresQuery(unsafeSQL: sql), logger: APITestEnvironment.logger)
                    {
                        rows += 1
                    }
                    rowsByPlace[query.place, default: 0] += rows
                } catch {
                    Issue.record("\(query.place) fails as zenglow_analyst: \(String(reflecting: error))\n\(sql)")
                }
            }
        }
        // The data above reaches the panels that read it (not only "the SQL is valid").
        for place in [
            "zenglow-analytics.json: p95 total latency per hour (merged histograms)",
            "zenglow-analytics.json: variable tenant",
            "zenglow-ingestion.json: Chunks by source (batches finished in range)",
            "zenglow-analytics.json: Maintenance runs",
        ] {
            #expect((rowsByPlace[place] ?? 0) > 0, "\(place) returned no rows: \(rowsByPlace)")
        }
    }

    @Test("Grafana's macros expand to the SQL Grafana sends")
    func macros() throws {
        let range = TimeRange(from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 3600))
        let expanded = try Self.expand(
            "select $__timeGroupAlias(bucket, 1h), x from v where $__timeFilter(day::timestamptz) and t in ($tenant)",
            range: range, tenant: "t1")
        #expect(
            expanded
                == #"select floor(extract(epoch from bucket)/3600)*3600 AS "time", x from v where day::timestamptz BETWEEN '1970-01-01T00:00:00Z' AND '1970-01-01T01:00:00Z' and t in ('t1')"#
        )
        #expect(throws: TestSupportError.self) {
            try Self.expand("select $__unixEpochFilter(x)", range: range, tenant: "t1")
        }
    }

    @Test("metric names are read out of PromQL the way Prometheus reads them")
    func promQLNames() {
        #expect(
            PromQLNames.metricNames(
                in: #"histogram_quantile(0.95, sum by (job, le) (rate(a_bucket{route="/x{y}", le!="1"}[5m])))"#)
                == ["a_bucket"])
        #expect(
            PromQLNames.metricNames(
                in: "sum by (stage) (rate(b_sum[1m])) / ignoring (stage) group_left sum(rate(c_sum[1m] offset 5m))")
                == ["b_sum", "c_sum"])
        #expect(
            PromQLNames.metricNames(in: "time() - d > 26 * 3600 or absent(d) and on (job) zenglow:e:rate5m > 1e3")
                == ["d", "zenglow:e:rate5m"])
        #expect(PromQLNames.metricNames(in: "sum(x) without (instance) > bool 0") == ["x"])
    }
}
