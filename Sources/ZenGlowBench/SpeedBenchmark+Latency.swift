import Foundation
import PostgresNIO
import ZenGlowDB
import ZenGlowEmbedded

/// One pgbench measurement: what ran, at which concurrency.
struct LatencyRow: Sendable {
    var label: String
    var summary: LatencySummary
}

extension SpeedBenchmark {
    /// 1,000 queries (text and embedding) in a table pgbench reads by a random id.
    func prepareQueries(report: @Sendable (String) -> Void) async throws {
        let watch = Stopwatch()
        try await withDatabase(url) { connection in
            try await connection.execute("drop table if exists public.bench_queries", logger: logger)
            try await connection.execute(
                "create table public.bench_queries (id integer primary key, text text, embedding real[])",
                logger: logger)
            try await connection.execute("grant select on public.bench_queries to zenglow_app", logger: logger)
            for index in 1...1000 {
                let query = corpus.query(index)
                try await connection.execute(
                    "insert into public.bench_queries values (\(index), \(query.text), \(query.embedding))",
                    logger: logger)
            }
            try await connection.execute("analyze public.bench_queries", logger: logger)
        }
        report(String(format: "[queries] 1000 benchmark queries stored (%.1f s)", watch.seconds))
    }

    /// Raw pgvector top-10 on the same table with the search parameters rag_query uses, and
    /// rag_query in each mode, at concurrency 1 and 4; two rounds, alternating raw and rag_query
    /// (A B A B), each row the union of its rounds.
    func measureLatency(modes: [String], raw kind: String, report: @Sendable (String) -> Void) async throws
        -> [LatencyRow]
    {
        let rawOptions = try await rawSearchOptions(kind)
        var rows: [LatencyRow] = []
        for clients in [1, 4] {
            var runs: [(String, [Double])] = []
            for _ in 0..<2 {
                var round: [(String, [Double])] = [
                    ("raw pgvector \(kind) top 10", try rawLatencies(rawOptions, clients: clients))
                ]
                for mode in modes {
                    round.append(("rag_query \(mode) top 10", try ragLatencies(mode: mode, clients: clients)))
                }
                for (label, latencies) in round {
                    if let index = runs.firstIndex(where: { $0.0 == label }) {
                        runs[index].1 += latencies
                    } else {
                        runs.append((label, latencies))
                    }
                }
            }
            for (label, latencies) in runs {
                let summary = LatencySummary(
                    clients: clients, latencies: latencies, seconds: Double(2 * options.seconds))
                rows.append(LatencyRow(label: label, summary: summary))
                report(
                    String(
                        format:
                            "[%@] %@, concurrency %d: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %.0f queries/s (%d samples)",
                        kind, label.padding(toLength: 30, withPad: " ", startingAt: 0), clients, summary.p50,
                        summary.p95, summary.p99, summary.perSecond, summary.transactions))
            }
        }
        return rows
    }

    /// The PGOPTIONS that give a raw query rag_query's search parameters (apply_ann_settings for 200 candidates).
    private func rawSearchOptions(_ kind: String) async throws -> String {
        let setting = kind == "hnsw" ? "hnsw.ef_search" : "ivfflat.probes"
        let value = try await withDatabase(url) { connection in
            try await connection.execute("begin", logger: logger)
            try await connection.execute("select zenglow.apply_ann_settings(\(Self.model), 200)", logger: logger)
            var value = ""
            for try await text in try await connection.query(
                PostgresQuery(unsafeSQL: "select current_setting('\(setting)')"), logger: logger
            ).decode(String.self) {
                value = text
            }
            try await connection.execute("commit", logger: logger)
            return value
        }
        return "-c \(setting)=\(value)"
    }

    private func rawLatencies(_ searchOptions: String, clients: Int) throws -> [Double] {
        try pgbench(
            name: "raw", clients: clients, user: nil, pgOptions: searchOptions,
            script: """
                \\set qid random(1, 1000)
                select chunk_id from zenglow.chunks where embedding_model = 'all-MiniLM-L6-v2' order by embedding::vector(384) <=> (select q.embedding from public.bench_queries q where q.id = :qid)::vector(384) limit 10;
                """)
    }

    private func ragLatencies(mode: String, clients: Int) throws -> [Double] {
        try pgbench(
            name: mode, clients: clients, user: "zenglow_app", pgOptions: "-c zenglow.tenant_id=\(Self.tenant)",
            script: """
                \\set qid random(1, 1000)
                select zenglow_api.rag_query(q.text, q.embedding, 10, '{}', false, '\(mode)') from public.bench_queries q where q.id = :qid;
                """)
    }

    /// Runs one pgbench script for `seconds` and returns every transaction's latency (ms) from its log.
    private func pgbench(name: String, clients: Int, user: String?, pgOptions: String, script: String) throws
        -> [Double]
    {
        let directory = NSTemporaryDirectory() + "zenglow-pgbench-\(name)-\(clients)-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/script.sql"
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["PGOPTIONS"] = pgOptions
        let arguments =
            connectionArguments(url, user: user) + [
                "-n", "-f", file, "-c", "\(clients)", "-j", "\(clients)", "-T", "\(options.seconds)", "-l",
                "--log-prefix", directory + "/log",
            ]
        _ = try ShellCommand(options.binDirectory + "/pgbench", arguments, environment: environment).runChecked(
            "pgbench")
        var latencies: [Double] = []
        for entry in try FileManager.default.contentsOfDirectory(atPath: directory) where entry.hasPrefix("log") {
            let text = try String(contentsOfFile: directory + "/" + entry, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ")
                if fields.count >= 3, let microseconds = Double(fields[2]) { latencies.append(microseconds / 1000) }
            }
        }
        return latencies
    }
}
