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
        subcommands: [Speed.self, Embed.self]
    )

    struct Speed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load N synthetic chunks; report load throughput, HNSW build, recall@10 and rag_query latency.",
            discussion: "Uses the server of DATABASE_URL (else the embedded stack); creates database zenglow_bench_<N>."
        )

        @Option(help: "How many chunks to generate and load.")
        var chunks = 100_000

        @Option(help: "The folder holding migrations/, sql/ and timescale/.")
        var root = "."

        @Option(help: "Seconds per pgbench run.")
        var seconds = 20

        @Option(help: "Chunks loaded with the indexes in place, after the main load.")
        var sampleWithIndexes = 20_000

        @Flag(help: "Keep the benchmark database afterwards.")
        var keep = false

        func run() async throws {
            var logger = Logger(label: "zenglow.bench")
            logger.logLevel = .warning
            try await CommandFailure.reporting("bench speed") {
                let benchmark = SpeedBenchmark(
                    options: .init(
                        chunks: chunks, root: root, server: try EmbeddedDefaults.database().url,
                        binDirectory: try EmbeddedConfiguration.fromEnvironment().postgresBinDirectory,
                        seconds: seconds, sampleWithIndexes: sampleWithIndexes, keepDatabase: keep),
                    logger: logger)
                try await benchmark.run { print($0) }
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
}
