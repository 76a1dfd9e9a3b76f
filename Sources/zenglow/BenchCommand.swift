import ArgumentParser
import Logging
import ZenGlowBench
import ZenGlowEmbedded

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks that print figures (not run by the tests).",
        subcommands: [Speed.self]
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
}
