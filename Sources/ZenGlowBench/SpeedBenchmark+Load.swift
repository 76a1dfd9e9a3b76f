import Foundation
import PostgresNIO
import ZenGlowDB
import ZenGlowIngest

extension SpeedBenchmark {
    /// Steps 1–2: a plain psql COPY of the first `copySample` rows beside the loader on the same
    /// rows (indexes dropped), then the loader alone for the rest of the corpus.
    func loadCorpus(report: @escaping @Sendable (String) -> Void, summary: inout SpeedSummary) async throws {
        let sample = min(options.copySample, options.chunks)
        let file = NSTemporaryDirectory() + "zenglow-bench-\(options.chunks).copy"
        try writeCopyFile(file, count: sample)
        defer { try? FileManager.default.removeItem(atPath: file) }
        try await withDatabase(url) { connection in
            try await connection.execute(
                """
                create table public.plain_copy (row_number bigint, document_id text, chunk_order integer, source text,
                    title text, metadata jsonb, content_hash text, body text, embedding real[],
                    tsv tsvector generated always as (to_tsvector('english'::regconfig, body)) stored)
                """, logger: logger)
            try await connection.execute(
                "drop index zenglow.chunks_tsv, zenglow.\(unescaped: hnswIndex)", logger: logger)
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
        summary.plainCopy = Double(sample) / plainSeconds
        report(
            String(
                format: "[load] plain COPY through psql, %d rows, no indexes: %8.0f chunks/s (%.1f s)", sample,
                summary.plainCopy, plainSeconds))
        let bare = try await load(start: 0, count: sample, tagPrefix: "bare", bulk: true, report: report)
        summary.loader = Double(sample) / bare
        report(
            String(
                format:
                    "[load] loader, the same %d rows, no index maintenance: %8.0f chunks/s (%.1f s) = %.2f of plain COPY",
                sample, summary.loader, bare, summary.loader / summary.plainCopy))
        if options.chunks > sample {
            let rest = try await load(
                start: sample, count: options.chunks - sample, tagPrefix: "bare", bulk: true, report: report)
            report(
                String(
                    format: "[load] loader, the other %d rows: %8.0f chunks/s (%.1f s)", options.chunks - sample,
                    Double(options.chunks - sample) / rest, rest))
        }
        try await withDatabase(url) { connection in
            try await connection.execute("drop table public.plain_copy", logger: logger)
        }
        try await analyze(report: report)
        // The bulk-load recipe of docs/retrieval.md: the champion lists were not kept during the
        // load (their per-batch upkeep is what a live corpus pays), and are built once now.
        let watch = Stopwatch()
        let rows = try await value(
            "select zenglow.rebuild_term_champions('\(Self.tenant)', '\(Self.model)')::text", url)
        report(String(format: "[champions] full build after the load: %@ rows (%.1f s)", rows, watch.seconds))
    }

    /// Step 4: the loader with both indexes maintained, on a further sample.
    func loadWithIndexes(report: @escaping @Sendable (String) -> Void) async throws -> Double {
        let sample = options.sampleWithIndexes
        guard sample > 0 else { return 0 }
        let seconds = try await load(
            start: options.chunks, count: sample, tagPrefix: "indexed", bulk: false, report: report)
        report(
            String(
                format: "[load] loader, HNSW + GIN maintained: %8.0f chunks/s (%d more chunks in %.1f s)",
                Double(sample) / seconds, sample, seconds))
        return Double(sample) / seconds
    }

    /// Deletes the chunks `loadWithIndexes` added (their batches' rows), so that the corpus is
    /// the one the exact neighbours were found in again.
    func removeSampleWithIndexes(report: @Sendable (String) -> Void) async throws {
        let watch = Stopwatch()
        try await withDatabase(url) { connection in
            try await connection.execute("delete from zenglow.chunks where batch_tag like 'indexed-%'", logger: logger)
            try await connection.execute("vacuum analyze zenglow.chunks", logger: logger)
        }
        report(
            String(
                format: "[load] the %d sample chunks removed again (%.1f s)", options.sampleWithIndexes, watch.seconds))
    }

    func analyze(report: @Sendable (String) -> Void) async throws {
        let watch = Stopwatch()
        try await withDatabase(url) { connection in
            try await connection.execute("vacuum analyze", logger: logger)
        }
        report(String(format: "[statistics] vacuum analyze (%.1f s)", watch.seconds))
    }

    /// Loads `count` chunks from `start` in batches; returns the loader's own seconds (generating
    /// the batches is the benchmark's work, not timed). A progress line every 100,000 chunks. A
    /// `bulk` load defers the champion lists' upkeep (zenglow.defer_champions), as docs/retrieval.md
    /// advises for bulk loads; they are built once after it.
    private func load(
        start: Int, count: Int, tagPrefix: String, bulk: Bool, report: @Sendable (String) -> Void
    ) async throws
        -> Double
    {
        try await withDatabase(url) { connection in
            try await connection.execute("set role zenglow_ingest", logger: logger)
            if bulk { try await connection.execute("set zenglow.defer_champions = on", logger: logger) }
            let loader = BatchLoader(logger: logger)
            var seconds = 0.0
            var nextReport = start + 100_000
            for offset in stride(from: start, to: start + count, by: Self.batchSize) {
                let batch = corpus.batch(
                    tenant: Self.tenant, tag: "\(tagPrefix)-\(offset)", start: offset,
                    count: min(Self.batchSize, start + count - offset))
                let watch = Stopwatch()
                let result = try await loader.load(batch, on: connection)
                seconds += watch.seconds
                guard result.rejected == 0 else {
                    throw BenchError("synthetic batch rejected rows: \(result.rejections[0])")
                }
                if offset + Self.batchSize >= nextReport && start + count - offset > Self.batchSize {
                    report(
                        String(
                            format: "[load]   %d of %d chunks (%.0f chunks/s so far)", offset + Self.batchSize - start,
                            count, Double(offset + Self.batchSize - start) / seconds))
                    nextReport += 100_000
                }
            }
            return seconds
        }
    }

    private func writeCopyFile(_ path: String, count: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw BenchError("cannot create \(path)")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw BenchError("cannot write \(path)") }
        defer { try? handle.close() }
        for offset in stride(from: 0, to: count, by: Self.batchSize) {
            let batch = corpus.batch(
                tenant: Self.tenant, tag: "plain", start: offset, count: min(Self.batchSize, count - offset))
            let buffer = batch.stagingCopyText(dimension: SyntheticCorpus.dimension)
            try handle.write(contentsOf: Data(buffer.readableBytesView))
        }
    }
}
