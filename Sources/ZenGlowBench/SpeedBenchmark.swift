import Foundation
import Logging
import NIOCore
import PostgresNIO
import ZenGlowDB
import ZenGlowEmbedded
import ZenGlowIngest
import ZenGlowMigrator

/// `zenglow bench speed`: loads a synthetic corpus of N chunks and measures load throughput (with
/// and without index maintenance, against a plain psql COPY of the same rows), the HNSW build,
/// the vector branch's recall@10 against exact search, and rag_query latency with pgbench.
public struct SpeedBenchmark: Sendable {
    public struct Options: Sendable {
        public var chunks: Int
        public var root: String
        public var server: DatabaseURL
        public var binDirectory: String
        public var seconds: Int
        public var sampleWithIndexes: Int
        public var keepDatabase: Bool

        public init(
            chunks: Int, root: String, server: DatabaseURL, binDirectory: String, seconds: Int,
            sampleWithIndexes: Int, keepDatabase: Bool
        ) {
            self.chunks = chunks
            self.root = root
            self.server = server
            self.binDirectory = binDirectory
            self.seconds = seconds
            self.sampleWithIndexes = sampleWithIndexes
            self.keepDatabase = keepDatabase
        }
    }

    public let options: Options
    public let logger: Logger
    let corpus = SyntheticCorpus()
    static let batchSize = 5000
    static let tenant = "bench"

    public init(options: Options, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    public func run(report: @Sendable (String) -> Void) async throws {
        let database = "zenglow_bench_\(options.chunks)"
        let url = options.server.with(database: database)
        try await admin("drop database if exists \(database) with (force)")
        try await admin("create database \(database)")
        _ = try await Migrator(source: try MigrationSource(root: options.root), database: url, logger: logger).up()
        report(
            "PostgreSQL \(try await value("show server_version", url)), \(ProcessInfo.processInfo.activeProcessorCount) cores; \(options.chunks) synthetic chunks (60-260 words, 384-d)"
        )

        try await withDatabase(url) { connection in
            try await connection.execute("select zenglow.create_tenant(\(Self.tenant))", logger: logger)
            try await connection.execute("select zenglow.run_maintenance()", logger: logger)
        }

        // 1. Plain COPY of the same rows through psql, into a table without indexes.
        let file = NSTemporaryDirectory() + "zenglow-bench-\(options.chunks).copy"
        try writeCopyFile(file)
        defer { try? FileManager.default.removeItem(atPath: file) }
        try await withDatabase(url) { connection in
            try await connection.execute(
                """
                create table public.plain_copy (row_number bigint, document_id text, chunk_order integer, source text,
                    title text, metadata jsonb, content_hash text, body text, embedding real[],
                    tsv tsvector generated always as (to_tsvector('english'::regconfig, body)) stored)
                """, logger: logger)
        }
        let plainWatch = Stopwatch()
        _ = try psql(
            url,
            [
                "-c",
                "\\copy public.plain_copy (row_number, document_id, chunk_order, source, title, metadata, content_hash, body, embedding) from '\(file)'",
            ]
        ).runChecked("psql \\copy")
        let plainSeconds = plainWatch.seconds
        let plainRate = Double(options.chunks) / plainSeconds
        report(
            String(format: "plain COPY through psql (no indexes):  %8.0f chunks/s  (%.1f s)", plainRate, plainSeconds))

        // 2. The loader without index maintenance: HNSW and GIN dropped, built afterwards.
        try await withDatabase(url) { connection in
            try await connection.execute(
                "drop index zenglow.chunks_tsv, zenglow.\(unescaped: hnswIndex)", logger: logger)
        }
        let bare = try await load(url, start: 0, count: options.chunks, tagPrefix: "bare")
        report(
            String(
                format: "loader, no index maintenance:           %8.0f chunks/s  (%.1f s)  = %.2f of plain COPY",
                Double(options.chunks) / bare, bare, (Double(options.chunks) / bare) / plainRate))

        let build = try await withDatabase(url) { connection in
            try await connection.execute("set maintenance_work_mem = '2GB'", logger: logger)
            try await connection.execute("set max_parallel_maintenance_workers = 1", logger: logger)
            let watch = Stopwatch()
            try await connection.execute(
                """
                create index \(unescaped: hnswIndex) on zenglow.chunks
                    using hnsw ((embedding::vector(384)) vector_cosine_ops) where embedding_model = 'all-MiniLM-L6-v2'
                """, logger: logger)
            let hnswSeconds = watch.seconds
            let ginWatch = Stopwatch()
            try await connection.execute("create index chunks_tsv on zenglow.chunks using gin (tsv)", logger: logger)
            return (hnswSeconds, ginWatch.seconds)
        }
        let hnswSize = try await value(
            "select pg_size_pretty(sum(pg_relation_size(i.indexrelid))) from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname like '%embedding%'",
            url)
        report(
            String(
                format:
                    "HNSW build (m 16, ef_construction 64, maintenance_work_mem 2GB, 2 processes): %.1f s, index %@; GIN build %.1f s",
                build.0, hnswSize, build.1))

        // 3. The loader with both indexes maintained, on a further sample.
        let sample = min(options.sampleWithIndexes, options.chunks)
        let indexed = try await load(url, start: options.chunks, count: sample, tagPrefix: "indexed")
        report(
            String(
                format: "loader, HNSW + GIN maintained:          %8.0f chunks/s  (%d more chunks in %.1f s)",
                Double(sample) / indexed, sample, indexed))

        // 4. Recall@10 of the vector branch against exact search.
        let recall = try await vectorRecall(url, queries: 200)
        report(
            String(
                format: "vector branch recall@10 vs exact search (200 queries, ef_search 200, iterative scan): %.4f",
                recall))

        // 5. rag_query latency and throughput through pgbench.
        try await withDatabase(url) { connection in
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
            try await connection.execute("vacuum analyze", logger: logger)
        }
        for mode in ["fusion", "bm25", "vector"] {
            for clients in [1, 4] {
                let summary = try pgbench(url, mode: mode, clients: clients)
                report(
                    String(
                        format:
                            "rag_query %@ top 10, concurrency %d: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %.0f queries/s",
                        mode.padding(toLength: 6, withPad: " ", startingAt: 0), clients, summary.p50, summary.p95,
                        summary.p99, summary.perSecond))
            }
        }
        if !options.keepDatabase { try await admin("drop database if exists \(database) with (force)") }
    }

    var hnswIndex: String { "chunks_embedding_all_minilm_l6_v2_61365361" }

    private func load(_ url: DatabaseURL, start: Int, count: Int, tagPrefix: String) async throws -> Double {
        try await withDatabase(url) { connection in
            try await connection.execute("set role zenglow_ingest", logger: logger)
            let loader = BatchLoader(logger: logger)
            var seconds = 0.0
            for offset in stride(from: start, to: start + count, by: Self.batchSize) {
                // Generating the batch is the benchmark's own work, not the loader's: not timed.
                let batch = corpus.batch(
                    tenant: Self.tenant, tag: "\(tagPrefix)-\(offset)", start: offset,
                    count: min(Self.batchSize, start + count - offset))
                let watch = Stopwatch()
                let result = try await loader.load(batch, on: connection)
                seconds += watch.seconds
                guard result.rejected == 0 else {
                    throw BenchError("synthetic batch rejected rows: \(result.rejections[0])")
                }
            }
            return seconds
        }
    }

    private func writeCopyFile(_ path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw BenchError("cannot create \(path)")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw BenchError("cannot write \(path)") }
        defer { try? handle.close() }
        for offset in stride(from: 0, to: options.chunks, by: Self.batchSize) {
            let batch = corpus.batch(
                tenant: Self.tenant, tag: "plain", start: offset, count: min(Self.batchSize, options.chunks - offset))
            let buffer = batch.stagingCopyText(dimension: SyntheticCorpus.dimension)
            try handle.write(contentsOf: Data(buffer.readableBytesView))
        }
    }

    private func vectorRecall(_ url: DatabaseURL, queries: Int) async throws -> Double {
        try await withDatabase(url) { connection in
            var found = 0
            for index in 1...queries {
                let embedding = corpus.query(10_000 + index).embedding
                func top(_ settings: [String]) async throws -> Set<Int64> {
                    try await connection.execute("begin", logger: logger)
                    for setting in settings {
                        try await connection.execute(PostgresQuery(unsafeSQL: setting), logger: logger)
                    }
                    var ids = Set<Int64>()
                    let rows = try await connection.query(
                        """
                        select chunk_id from zenglow.chunks where embedding_model = 'all-MiniLM-L6-v2'
                        order by embedding::vector(384) <=> \(embedding)::real[]::vector(384) limit 10
                        """, logger: logger)
                    for try await id in rows.decode(Int64.self) { ids.insert(id) }
                    try await connection.execute("commit", logger: logger)
                    return ids
                }
                let approximate = try await top([
                    "set local enable_seqscan = off", "set local hnsw.ef_search = 200",
                    "set local hnsw.iterative_scan = relaxed_order",
                ])
                let exact = try await top(["set local enable_indexscan = off", "set local enable_bitmapscan = off"])
                found += approximate.intersection(exact).count
            }
            return Double(found) / Double(queries * 10)
        }
    }

    private func pgbench(_ url: DatabaseURL, mode: String, clients: Int) throws -> LatencySummary {
        let directory = NSTemporaryDirectory() + "zenglow-pgbench-\(mode)-\(clients)-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = directory + "/rag_query.sql"
        try """
        \\set qid random(1, 1000)
        select zenglow_api.rag_query(q.text, q.embedding, 10, '{}', false, '\(mode)') from public.bench_queries q where q.id = :qid;
        """.write(toFile: script, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["PGOPTIONS"] = "-c zenglow.tenant_id=\(Self.tenant)"
        let arguments =
            connectionArguments(url, user: "zenglow_app") + [
                "-n", "-f", script, "-c", "\(clients)", "-j", "\(clients)", "-T", "\(options.seconds)", "-l",
                "--log-prefix", directory + "/log",
            ]
        _ = try ShellCommand(options.binDirectory + "/pgbench", arguments, environment: environment).runChecked(
            "pgbench")
        var latencies: [Double] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasPrefix("log") {
            let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ")
                if fields.count >= 3, let microseconds = Double(fields[2]) { latencies.append(microseconds / 1000) }
            }
        }
        return LatencySummary(clients: clients, latencies: latencies, seconds: Double(options.seconds))
    }

    private func psql(_ url: DatabaseURL, _ arguments: [String]) -> ShellCommand {
        ShellCommand(
            options.binDirectory + "/psql",
            ["-X", "-q", "-v", "ON_ERROR_STOP=1"] + connectionArguments(url) + arguments)
    }

    private func connectionArguments(_ url: DatabaseURL, user: String? = nil) -> [String] {
        [
            "-h", url.socketDirectory ?? url.host ?? "127.0.0.1", "-p", "\(url.port)", "-U", user ?? url.user, "-d",
            url.database,
        ]
    }

    private func admin(_ sql: String) async throws {
        try await withDatabase(options.server) { connection in
            try await connection.execute(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }

    private func value(_ sql: String, _ url: DatabaseURL) async throws -> String {
        try await withDatabase(url) { connection in
            for try await text in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(
                String.self)
            {
                return text
            }
            return ""
        }
    }

    private func withDatabase<T: Sendable>(
        _ url: DatabaseURL,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await url.withConnection(applicationName: "zenglow bench", logger: logger, body)
    }
}
