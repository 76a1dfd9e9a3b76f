import Foundation
import Logging
import NIOCore
import PostgresNIO
import ZenGlowDB
import ZenGlowEmbedded
import ZenGlowIngest

extension LoaderBenchmark {
    /// Loads `slice` one way; returns the seconds it took and, for a loader, where they went.
    func load(
        _ variant: LoaderBenchmark.Variant, slice: ArraySlice<Int>, file: String?, tag: String,
        database: SpoolBenchDatabase
    ) async throws -> (Double, LoaderStepTotals?) {
        guard variant.isLoader else {
            guard let file else { throw BenchError("no COPY file for \(variant.rawValue)") }
            let table = variant == .plainBinary ? "plain_copy_binary" : "plain_copy_text"
            let format = variant == .plainBinary ? " with (format binary)" : ""
            let watch = Stopwatch()
            _ = try psql(
                database.url,
                "\\copy public.\(table) (\(Self.stagingColumns)) from '\(file)'\(format)"
            ).runChecked("psql \\copy")
            return (watch.seconds, nil)
        }
        return try await database.withConnection { connection in
            // Per-function time (plpgsql and SQL functions, trigger functions included) for the step profile.
            try await connection.execute("set track_functions = 'all'", logger: logger)
            try await connection.execute("set role zenglow_ingest", logger: logger)
            let before = try await functionTimes(connection)
            let collector = StepCollector()
            var loader = BatchLoader(logger: logger)
            loader.stagingFormat = variant.stagingFormat
            loader.stepTimes = { await collector.add($0) }
            var seconds = 0.0
            for start in stride(from: slice.startIndex, to: slice.endIndex, by: options.batchSize) {
                let end = min(start + options.batchSize, slice.endIndex)
                // Generating the batch is the benchmark's own work, not the loader's: not timed.
                let batch = corpus.batch(
                    tenant: variant.tenant, tag: "\(tag)-\(slice[start])", start: slice[start], count: end - start)
                let watch = Stopwatch()
                let result = try await loader.load(batch, on: connection)
                seconds += watch.seconds
                guard result.rejected == 0, result.accepted == end - start else {
                    throw BenchError("synthetic batch \(batch.tag) did not load whole: \(result)")
                }
            }
            let after = try await functionTimes(connection)
            var totals = LoaderStepTotals()
            totals.client = await collector.steps
            totals.functions = after.subtracting(before)
            return (seconds, totals)
        }
    }

    /// `pg_stat_user_functions` of this session's database, after flushing this session's counts.
    func functionTimes(_ connection: PostgresConnection) async throws -> FunctionTimes {
        try await connection.execute("select pg_stat_force_next_flush()", logger: logger)
        // The flush happens as the session goes idle after that statement; this one reads it.
        let rows = try await connection.query(
            """
            select funcname::text, calls, total_time, self_time from pg_stat_user_functions
            where schemaname in ('zenglow', 'zenglow_api')
            """, logger: logger)
        var times = FunctionTimes()
        for try await (name, calls, total, own) in rows.decode((String, Int64, Double, Double).self) {
            times.entries[name, default: .init()].add(.init(calls: calls, total: total, own: own))
        }
        return times
    }

    /// The BM25 statistics' aggregate over one loaded batch's tsvectors, as ingest_staged_batch runs
    /// it, timed apart (it is part of that function's own time): milliseconds per 1000 chunks.
    func statisticsAggregate(_ database: SpoolBenchDatabase) async throws -> Double {
        try await database.withConnection { connection in
            let batches = try await connection.query(
                "select batch_id, accepted from zenglow.batches where tenant_id = 'bench_binary' order by batch_id limit 4",
                logger: logger)
            var ids: [(Int64, Int64)] = []
            for try await row in batches.decode((Int64, Int64).self) { ids.append(row) }
            var seconds = 0.0
            var chunks: Int64 = 0
            for (id, accepted) in ids {
                let watch = Stopwatch()
                try await connection.execute(
                    """
                    select coalesce(array_agg(t.term order by t.term), '{}'), coalesce(array_agg(t.df order by t.term), '{}'),
                        coalesce(sum(t.tokens), 0)::bigint
                    from (select u.lexeme as term, count(*) as df, sum(cardinality(u.positions)) as tokens
                          from zenglow.chunks c, unnest(c.tsv) u
                          where c.tenant_id = 'bench_binary' and c.batch_id = \(id)
                          group by u.lexeme) t
                    """, logger: logger)
                seconds += watch.seconds
                chunks += accepted
            }
            return chunks > 0 ? seconds * 1000 / Double(chunks) * 1000 : 0
        }
    }

    /// Builds the HNSW and GIN indexes the main rounds loaded without.
    func buildIndexes(_ database: SpoolBenchDatabase) async throws -> (hnsw: Double, gin: Double) {
        try await database.withConnection { connection in
            try await connection.execute("set maintenance_work_mem = '512MB'", logger: logger)
            try await connection.execute("set max_parallel_maintenance_workers = 1", logger: logger)
            let watch = Stopwatch()
            // As the model's settings say (zenglow.ann_settings), on every partition.
            try await connection.execute("select zenglow.ensure_model_index('all-MiniLM-L6-v2')", logger: logger)
            let hnsw = watch.seconds
            let ginWatch = Stopwatch()
            try await connection.execute("create index chunks_tsv on zenglow.chunks using gin (tsv)", logger: logger)
            return (hnsw, ginWatch.seconds)
        }
    }

    /// The plain COPY files of each round, in the staging format the loader streams (untimed).
    func writeCopyFiles(_ slices: [ArraySlice<Int>], in scratch: String) throws -> [Variant: [String]] {
        var files: [Variant: [String]] = [:]
        for (round, slice) in slices.enumerated() {
            let text = "\(scratch)/round-\(round).copy"
            let binary = "\(scratch)/round-\(round).pgcopy"
            guard FileManager.default.createFile(atPath: text, contents: nil),
                FileManager.default.createFile(atPath: binary, contents: nil),
                let textHandle = FileHandle(forWritingAtPath: text),
                let binaryHandle = FileHandle(forWritingAtPath: binary)
            else { throw BenchError("cannot write the COPY files in \(scratch)") }
            defer {
                try? textHandle.close()
                try? binaryHandle.close()
            }
            try binaryHandle.write(contentsOf: IngestBatch.stagingCopyBinaryHeader)
            for start in stride(from: slice.startIndex, to: slice.endIndex, by: options.batchSize) {
                let batch = corpus.batch(
                    tenant: "plain", tag: "plain", start: slice[start],
                    count: min(start + options.batchSize, slice.endIndex) - start)
                let dimension = SyntheticCorpus.dimension
                try textHandle.write(contentsOf: Data(batch.stagingCopyText(dimension: dimension).readableBytesView))
                try binaryHandle.write(
                    contentsOf: Data(batch.stagingCopyBinaryTuples(dimension: dimension).readableBytesView))
            }
            try binaryHandle.write(contentsOf: IngestBatch.stagingCopyBinaryTrailer)
            files[.plainText, default: []].append(text)
            files[.plainBinary, default: []].append(binary)
        }
        return files
    }

    static let stagingColumns =
        "row_number, document_id, chunk_order, source, title, metadata, content_hash, body, embedding"

    private func psql(_ url: DatabaseURL, _ command: String) -> ShellCommand {
        var environment = ProcessInfo.processInfo.environment
        if let password = url.password { environment["PGPASSWORD"] = password }
        return ShellCommand(
            options.binDirectory + "/psql",
            [
                "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", url.socketDirectory ?? url.host ?? "127.0.0.1", "-p",
                "\(url.port)", "-U", url.user, "-d", url.database, "-c", command,
            ], environment: environment)
    }
}

/// Sums the loader's per-batch step times (its callback may run on any task).
actor StepCollector {
    private(set) var steps = BatchLoadSteps()

    func add(_ batch: BatchLoadSteps) { steps.add(batch) }
}
