import ArgumentParser
import Foundation
import Logging
import ZenGlowBench
import ZenGlowEmbedded
import ZenGlowEmbedding

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks that print figures (not run by the tests).",
        subcommands: [Speed.self, Load.self, Embed.self, Spool.self]
    )

    struct Speed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Load N synthetic chunks; report load throughput, IVFFlat and HNSW builds, recall@10, rag_query and raw pgvector latency.",
            discussion: """
                Uses the server of DATABASE_URL (else the embedded stack); creates database zenglow_bench_<N> \
                (--reuse measures an existing one again, after migrating it, without loading or building).
                """
        )

        @Option(help: "How many chunks to generate and load.")
        var chunks = 100_000

        @Option(help: "The folder holding migrations/, sql/ and timescale/.")
        var root = "."

        @Option(help: "Seconds per pgbench run.")
        var seconds = 20

        @Option(help: "Chunks loaded with the indexes in place, after the main load.")
        var sampleWithIndexes = 20_000

        @Option(help: "Rows loaded both by plain COPY and by the loader, for their ratio.")
        var copySample = 100_000

        @Option(help: "Queries for recall@10 against exact search.")
        var recallQueries = 200

        @Option(help: "maintenance_work_mem for the index builds.")
        var maintenanceWorkMem = "3GB"

        @Flag(help: "Skip the IVFFlat index (build and measure HNSW only).")
        var noIvfflat = false

        @Flag(help: "Keep the benchmark database afterwards.")
        var keep = false

        @Flag(help: "Measure an existing zenglow_bench_<N> again (migrated first); skip loading and index builds.")
        var reuse = false

        func run() async throws {
            var logger = Logger(label: "zenglow.bench")
            logger.logLevel = .warning
            try await CommandFailure.reporting("bench speed") {
                let benchmark = SpeedBenchmark(
                    options: .init(
                        chunks: chunks, root: root, server: try EmbeddedDefaults.database().url,
                        binDirectory: try EmbeddedConfiguration.fromEnvironment().postgresBinDirectory,
                        seconds: seconds, sampleWithIndexes: sampleWithIndexes, copySample: copySample,
                        recallQueries: recallQueries, ivfflat: !noIvfflat, maintenanceWorkMemory: maintenanceWorkMem,
                        keepDatabase: keep, reuse: reuse),
                    logger: logger)
                // A line per phase, flushed: a run of an hour into a file must show where it is.
                try await benchmark.run {
                    print($0)
                    fflush(nil)
                }
            }
        }
    }

    struct Embed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Embed SciFact documents and queries with ZenGlow's encoder and with PyTorch; print both.",
            discussion: """
                The peer (sentence-transformers on PyTorch) is installed into .zenglow/bench/pytorch-venv on first \
                use by benchmarks/embed-vs-pytorch/install-peer (a large download); both sides load the same model folder.
                """
        )

        @Option(help: "The SciFact folder.")
        var data = "../shared/data/scifact"

        @Option(help: "The repository root (for benchmarks/embed-vs-pytorch).")
        var root = "."

        @Option(help: "The model folder (default: EMBED_MODEL_DIR, else .zenglow/models/all-MiniLM-L6-v2).")
        var modelDir: String?

        @Option(help: "Documents to embed.")
        var documents = 1000

        @Option(help: "Queries to embed.")
        var queries = 1000

        @Option(help: "Threads for both sides.")
        var threads = 1

        @Option(help: "The peer's batch size (ZenGlow packs sequences into passes of its own).")
        var batchSize = 32

        @Option(help: "Single-query encodes timed for p50/p95.")
        var singleRepeats = 200

        @Flag(help: "Measure ZenGlow only.")
        var noPeer = false

        func run() async throws {
            try CommandFailure.reporting("bench embed") {
                let directory =
                    try modelDir.map { ModelDirectory(url: URL(fileURLWithPath: $0)) }
                    ?? EmbeddedDefaults.modelDirectory()
                try EmbedBenchmark(
                    options: .init(
                        dataFolder: data, root: root, modelDirectory: directory, documents: documents, queries: queries,
                        threads: threads, batchSize: batchSize, singleRepeats: singleRepeats, runPeer: !noPeer)
                ).run { print($0) }
            }
        }
    }

    struct Spool: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The spool pipeline: spool files vs plain COPY, streaming latency, text-only throughput.",
            discussion: """
                Runs `zenglow spool process|run|append` children of this executable against fresh databases \
                zenglow_bench_spool_* on the server of DATABASE_URL (else the embedded stack). Quick run: \
                --chunks 2000 --rounds 1 --stream-seconds 10 --text-chunks 200.
                """
        )

        @Option(help: "Parts to run, comma-separated: copy, stream, text.")
        var parts = "copy,stream,text"

        @Option(help: "Chunks with embeddings for spool vs COPY.")
        var chunks = 10_000

        @Option(help: "Chunks per spool file (one batch each) in the copy and text parts.")
        var chunksPerFile = 1000

        @Option(help: "Rounds of COPY then spool, each on fresh databases.")
        var rounds = 2

        @Option(help: "Seconds of streaming.")
        var streamSeconds = 60.0

        @Option(help: "Producers (`spool append` children).")
        var producers = 3

        @Option(help: "Messages per second per producer.")
        var rate = 5.0

        @Option(help: "The producers' --max-age: seconds from a segment's first frame to its seal.")
        var sealAge = 0.25

        @Option(help: "The worker's SPOOL_MAX_WAIT in seconds.")
        var maxWait = 1.0

        @Option(help: "The worker's SPOOL_MIN_FILES (above the files a wait brings, a run opens on SPOOL_MAX_WAIT).")
        var minFiles = 100

        @Option(help: "Text-only chunks, embedded by the worker.")
        var textChunks = 2000

        @Option(help: "The folder holding migrations/, sql/ and timescale/.")
        var root = "."

        @Option(help: "The model folder (default: EMBED_MODEL_DIR, else .zenglow/models/all-MiniLM-L6-v2).")
        var modelDir: String?

        @Flag(help: "Keep the stream and text databases and the scratch folder (spool files, reports, logs).")
        var keep = false

        func validate() throws {
            let known = Set(SpoolBenchmark.Options.Part.allCases.map(\.rawValue))
            for part in parts.split(separator: ",") where !known.contains(String(part)) {
                throw ValidationError("--parts: \(part) is not one of copy, stream, text")
            }
            guard chunks > 0, chunksPerFile > 0, rounds > 0, producers > 0, textChunks > 0 else {
                throw ValidationError(
                    "--chunks, --chunks-per-file, --rounds, --producers, --text-chunks must be positive")
            }
            guard streamSeconds > 0, rate > 0, sealAge > 0, maxWait >= 0, minFiles > 0 else {
                throw ValidationError("--stream-seconds, --rate, --seal-age must be positive, --max-wait not negative")
            }
        }

        func run() async throws {
            var logger = Logger(label: "zenglow.bench")
            logger.logLevel = .warning
            try await CommandFailure.reporting("bench spool") {
                let directory =
                    try modelDir.map { ModelDirectory(url: URL(fileURLWithPath: $0)) }
                    ?? EmbeddedDefaults.modelDirectory()
                var options = SpoolBenchmark.Options(
                    root: root, server: try EmbeddedDefaults.database().url,
                    binDirectory: try EmbeddedConfiguration.fromEnvironment().postgresBinDirectory,
                    modelDirectory: directory.url.path,
                    executable: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                options.parts = parts.split(separator: ",").compactMap {
                    SpoolBenchmark.Options.Part(rawValue: String($0))
                }
                options.chunks = chunks
                options.chunksPerFile = chunksPerFile
                options.rounds = rounds
                options.streamSeconds = streamSeconds
                options.producers = producers
                options.rate = rate
                options.sealAge = sealAge
                options.maxWait = maxWait
                options.minFiles = minFiles
                options.textChunks = textChunks
                options.keep = keep
                try await SpoolBenchmark(options: options, logger: logger).run {
                    // Unbuffered, so each phase line shows as it happens even when piped to a file.
                    FileHandle.standardOutput.write(Data(($0 + "\n").utf8))
                }
            }
        }
    }
}
