import Foundation
import ZenGlowEmbedded
import ZenGlowSpool

/// Part 1 of `bench spool`: the same chunks with embeddings loaded by `spool process` from spool
/// files and by one psql `\copy` into `zenglow.chunks`, alternating, each on a fresh database.
struct SpoolCopyResult: Sendable {
    var copySeconds: [Double] = []
    var spoolSeconds: [Double] = []
    var peakRSS = 0
    var files = 0
    var stages: SpoolStageTimes?
    var chunks = 0

    var copyRate: Double { Double(chunks * copySeconds.count) / copySeconds.reduce(0, +) }
    var spoolRate: Double { Double(chunks * spoolSeconds.count) / spoolSeconds.reduce(0, +) }
    var ratio: Double { spoolRate / copyRate }
}

extension SpoolBenchmark {
    func spoolVersusCopy(scratch: String, report: @Sendable (String) -> Void) async throws -> SpoolCopyResult {
        var result = SpoolCopyResult(chunks: options.chunks)
        // The peer's input, made once and untimed, as the spool files are: the loader's own rows.
        let copyFile = "\(scratch)/chunks.copy"
        var copyText: [UInt8] = []
        for offset in stride(from: 0, to: options.chunks, by: options.chunksPerFile) {
            let batch = corpus.batch(
                tenant: Self.tenant, tag: "copy-\(offset)", start: offset,
                count: min(options.chunksPerFile, options.chunks - offset))
            copyText += SpoolBenchFiles.chunkCopyText(batch, batchID: 1, dimension: SyntheticCorpus.dimension)
        }
        try SpoolBenchFiles.write(copyText, to: copyFile)
        copyText = []

        for round in 1...max(1, options.rounds) {
            // A: plain COPY, one statement, one transaction, as the database superuser.
            let copyDatabase = try await SpoolBenchDatabase.create(
                "zenglow_bench_spool_copy", server: options.server, root: options.root, tenant: Self.tenant,
                logger: logger)
            let copyWatch = Stopwatch()
            try psql(
                copyDatabase,
                "\\copy zenglow.chunks (\(SpoolBenchFiles.chunkColumns)) from '\(copyFile)'"
            ).runChecked("psql \\copy")
            let copySeconds = copyWatch.seconds
            let copied = Int(try await copyDatabase.value("select count(*)::text from zenglow.chunks")) ?? 0
            guard copied == options.chunks else {
                throw BenchError("COPY loaded \(copied) chunks, not \(options.chunks)")
            }
            try await copyDatabase.drop()
            result.copySeconds.append(copySeconds)
            report(
                String(
                    format:
                        "[copy] round %d: psql \\copy into zenglow.chunks    %6d chunks in %6.2f s = %6.0f chunks/s",
                    round, options.chunks, copySeconds, Double(options.chunks) / copySeconds))

            // B: the spool worker over the same rows as spool files.
            let spoolDatabase = try await SpoolBenchDatabase.create(
                "zenglow_bench_spool_files", server: options.server, root: options.root, tenant: Self.tenant,
                logger: logger)
            let (directory, environment) = try spool("copy-round-\(round)", scratch: scratch, database: spoolDatabase)
            result.files = try publish(directory, tag: "files", start: 0, count: options.chunks, textOnly: false)
            let worker = try child(
                "copy-round-\(round)-process", ["spool", "process"], environment: environment, scratch: scratch)
            let exit = try await worker.waitChecked()
            try await checkLoaded(spoolDatabase, directory: directory, files: result.files, chunks: options.chunks)
            try await spoolDatabase.drop()
            let stages = try SpoolStageTimes(reportDirectory: "\(directory.root)/reports", tenant: Self.tenant)
            result.spoolSeconds.append(exit.seconds)
            result.peakRSS = max(result.peakRSS, exit.peakRSS)
            result.stages = stages
            report(
                String(
                    format:
                        "[copy] round %d: spool process, %3d files        %6d chunks in %6.2f s = %6.0f chunks/s (%.2f of COPY), peak RSS %@",
                    round, result.files, options.chunks, exit.seconds, Double(options.chunks) / exit.seconds,
                    copySeconds / exit.seconds, Self.megabytes(exit.peakRSS)))
            report("[copy] round \(round): worker's time: \(stages.breakdown(wall: exit.seconds))")
        }
        return result
    }

    /// Every file archived, none failed, and exactly `chunks` chunks in `files` batches.
    func checkLoaded(_ database: SpoolBenchDatabase, directory: SpoolDirectory, files: Int, chunks: Int) async throws {
        let counts = Self.folderCounts(directory)
        guard counts[.archive] == files, counts[.failed] == 0, counts[.incoming] == 0, counts[.processing] == 0 else {
            throw BenchError("the spool run did not archive all \(files) files: \(counts)")
        }
        let loaded = Int(try await database.value("select count(*)::text from zenglow.chunks")) ?? -1
        let batches =
            Int(try await database.value("select count(*)::text from zenglow.batches where state = 'done'")) ?? -1
        guard loaded == chunks, batches == files else {
            throw BenchError("the spool loaded \(loaded) chunks in \(batches) batches, not \(chunks) in \(files)")
        }
    }

    func psql(_ database: SpoolBenchDatabase, _ command: String) -> ShellCommand {
        let url = database.url
        var environment = ProcessInfo.processInfo.environment
        if let password = url.password { environment["PGPASSWORD"] = password }
        if url.socketDirectory == nil { environment["PGSSLMODE"] = url.sslMode }
        return ShellCommand(
            options.binDirectory + "/psql",
            [
                "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", url.socketDirectory ?? url.host ?? "127.0.0.1", "-p",
                "\(url.port)", "-U", url.user, "-d", url.database, "-c", command,
            ], environment: environment)
    }
}
