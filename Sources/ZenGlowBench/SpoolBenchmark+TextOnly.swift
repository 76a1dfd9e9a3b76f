import Foundation

/// Part 3 of `bench spool`: chunks without embeddings through `spool process`, which embeds them
/// with the local model (EMBED_THREADS: the processor count) before loading.
struct SpoolTextResult: Sendable {
    var chunks = 0
    var files = 0
    var seconds = 0.0
    var peakRSS = 0
    var stages: SpoolStageTimes?

    var rate: Double { Double(chunks) / seconds }
    /// Chunks per second of embedding alone (the summaries' `embed`).
    var embedRate: Double { Double(chunks) / (stages?.seconds["embed"] ?? .infinity) }
}

extension SpoolBenchmark {
    func textOnly(scratch: String, report: @Sendable (String) -> Void) async throws -> SpoolTextResult {
        let database = try await SpoolBenchDatabase.create(
            "zenglow_bench_spool_text", server: options.server, root: options.root, tenant: Self.tenant, logger: logger)
        let (directory, environment) = try spool("text", scratch: scratch, database: database)
        var result = SpoolTextResult(chunks: options.textChunks)
        // Indexes beyond the corpus of part 1, so no text-only chunk repeats a chunk loaded before.
        result.files = try publish(directory, tag: "text", start: 500_000, count: options.textChunks, textOnly: true)
        let worker = try child("text-process", ["spool", "process"], environment: environment, scratch: scratch)
        let exit = try await worker.waitChecked()
        try await checkLoaded(database, directory: directory, files: result.files, chunks: options.textChunks)
        let embedded =
            Int(try await database.value("select coalesce(sum(embedded), 0)::text from zenglow.batches")) ?? 0
        guard embedded == options.textChunks else {
            throw BenchError("the worker embedded \(embedded) chunks, not \(options.textChunks)")
        }
        if !options.keep { try await database.drop() }
        result.seconds = exit.seconds
        result.peakRSS = exit.peakRSS
        let stages = try SpoolStageTimes(reportDirectory: "\(directory.root)/reports", tenant: Self.tenant)
        result.stages = stages
        report(
            String(
                format: "[text] spool process, %d files: %d chunks in %.2f s = %.1f chunks/s, peak RSS %@",
                result.files, result.chunks, exit.seconds, result.rate, Self.megabytes(exit.peakRSS)))
        report("[text] worker's time: \(stages.breakdown(wall: exit.seconds))")
        return result
    }
}
