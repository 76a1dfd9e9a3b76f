import ArgumentParser
import Foundation
import Logging
import ZenGlowBench
import ZenGlowEmbedded

extension BenchCommand {
    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "The batch loader against a plain psql COPY of the same rows, step by step, with and without indexes.",
            discussion: """
                Uses the server of DATABASE_URL (else the embedded stack); creates database zenglow_bench_load. \
                Quick run: --chunks 4000 --batch-size 1000 --indexed-chunks 1000.
                """
        )

        @Option(help: "Chunks each variant loads without index maintenance.")
        var chunks = 50_000

        @Option(help: "Rounds the chunks are split into; each round runs every variant once, in turn.")
        var rounds = 2

        @Option(help: "Chunks per batch.")
        var batchSize = 5000

        @Option(help: "Chunks each loader variant loads with HNSW and GIN maintained, afterwards.")
        var indexedChunks = 5000

        @Option(help: "The folder holding migrations/, sql/ and timescale/.")
        var root = "."

        @Flag(help: "Keep the benchmark database afterwards.")
        var keep = false

        func validate() throws {
            guard chunks > 0, rounds > 0, batchSize > 0, indexedChunks > 0 else {
                throw ValidationError("--chunks, --rounds, --batch-size and --indexed-chunks must be positive")
            }
        }

        func run() async throws {
            var logger = Logger(label: "zenglow.bench")
            logger.logLevel = .warning
            try await CommandFailure.reporting("bench load") {
                var options = LoaderBenchmark.Options(
                    root: root, server: try EmbeddedDefaults.database().url,
                    binDirectory: try EmbeddedConfiguration.fromEnvironment().postgresBinDirectory)
                options.chunks = chunks
                options.rounds = rounds
                options.batchSize = batchSize
                options.indexedChunks = indexedChunks
                options.keepDatabase = keep
                try await LoaderBenchmark(options: options, logger: logger).run {
                    // Unbuffered, so each phase line shows as it happens even when piped to a file.
                    FileHandle.standardOutput.write(Data(($0 + "\n").utf8))
                }
            }
        }
    }
}
