import Testing
import ZenGlowStats

@Suite("stats durations and arguments")
struct StatsDurationTests {
    @Test(
        "30m, 24h, 7d and 2w are minutes, hours, days and weeks",
        arguments: [
            ("30m", 1800), ("24h", 86_400), ("7d", 604_800), ("2w", 1_209_600), ("5m", 300),
        ])
    func good(text: String, seconds: Int) throws {
        let duration = try StatsDuration(parsing: text, option: "--since")
        #expect(duration.seconds == seconds)
        #expect(duration.description == text)
    }

    @Test(
        "anything else is one line naming the option and the value",
        arguments: [
            "-1h", "0h", "1.5h", "24", "h", "", "10s", "1y", "24 h x", "１h",
        ])
    func bad(text: String) {
        #expect {
            try StatsDuration(parsing: text, option: "--since")
        } throws: { error in
            let line = "\(error)"
            return line.contains("--since") && line.contains("'\(text)'") && !line.contains("\n")
        }
    }

    @Test("the bucket picks the coarsest rollup level that divides it")
    func levels() throws {
        let cases: [(String, RollupLevel)] = [
            ("5m", .fiveMinutes), ("15m", .fiveMinutes), ("90m", .fiveMinutes), ("1h", .hour), ("120m", .hour),
            ("6h", .hour), ("36h", .hour), ("1d", .day), ("24h", .day), ("2w", .day),
        ]
        for (text, level) in cases {
            #expect(
                RollupLevel.reading(bucket: try StatsDuration(parsing: text, option: "--bucket")) == level, "\(text)")
            let request = try StatsRequest(screen: "latency", since: nil, by: nil, bucket: text)
            #expect(request.level?.view == "zenglow_stats.query_stats_\(level.rawValue)")
        }
    }

    @Test("defaults: the last 24h, 1h buckets (1d for ingest), one group")
    func defaults() throws {
        let latency = try StatsRequest(screen: "latency", since: nil, by: nil, bucket: nil)
        #expect(latency.since.seconds == 86_400)
        #expect(latency.bucket == .hour)
        #expect(latency.level == .hour)
        #expect(latency.grouping == nil)
        #expect(latency.format == .table)
        let ingest = try StatsRequest(screen: "ingest", since: "7d", by: nil, bucket: nil)
        #expect(ingest.bucket == .day)
        #expect(ingest.grouping == .tenant)
    }

    @Test(
        "bad arguments are one line each naming the argument",
        arguments: [
            (
                ["latency", "24h", "nonsense", "1h"],
                "--by must be tenant, mode, model or stage for latency (got 'nonsense')"
            ),
            (["errors", "24h", "stage", "1h"], "--by must be tenant, mode or model for errors (got 'stage')"),
            (["latency", "-1h", "", "1h"], "--since must be a positive duration like 30m, 24h, 7d or 2w (got '-1h')"),
            (["latency", "0h", "", "1h"], "--since must be longer than zero (got '0h')"),
            (["latency", "999999w", "", "1h"], "--since may reach back at most 260w (5 years), not '999999w'"),
            (["latency", "24h", "", "7m"], "--bucket must be a multiple of 5m for latency (got '7m')"),
            (
                ["latency", "24h", "", "soon"],
                "--bucket must be a positive duration like 30m, 24h, 7d or 2w (got 'soon')"
            ),
            (["ingest", "24h", "", "1h"], "--bucket must be a multiple of 1d for ingest (got '1h')"),
            (["drift", "24h", "tenant", ""], "--by does not apply to drift (its tables are per tenant)"),
            (
                ["speed", "24h", "", ""],
                "unknown screen 'speed': choose latency, errors, cache, ingest, drift, weights"
            ),
        ])
    func refusals(arguments: [String], message: String) {
        #expect {
            try StatsRequest(
                screen: arguments[0], since: arguments[1], by: arguments[2].isEmpty ? nil : arguments[2],
                bucket: arguments[3].isEmpty ? nil : arguments[3])
        } throws: { error in
            "\(error)" == message
        }
    }

    @Test("--json with --csv is refused")
    func jsonAndCSV() {
        #expect {
            try StatsRequest(screen: "cache", since: nil, by: nil, bucket: nil, json: true, csv: true)
        } throws: { "\($0)" == "--json and --csv cannot be used together: choose one" }
    }
}
