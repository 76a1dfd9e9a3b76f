import ArgumentParser
import Foundation
import Logging
import ZenGlowEmbedding
import ZenGlowEval

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Load SciFact into a fresh database and print NDCG@10, Recall@100 and MRR@10 per retrieval mode.",
        discussion: "Uses the server of DATABASE_URL (else the embedded stack); creates and drops its own database."
    )

    @Option(help: "The SciFact folder (corpus, train queries, judgments, embeddings).")
    var data = "../shared/data/scifact"

    @Option(help: "The folder holding migrations/, sql/ and timescale/.")
    var root = "."

    @Option(help: "BM25 k1, stored as the evaluation tenant's retrieval settings (default: the settings' 1.2).")
    var k1: Double?

    @Option(help: "BM25 b, stored as the evaluation tenant's retrieval settings (default: the settings' 0.75).")
    var b: Double?

    @Flag(help: "Keep the evaluation database afterwards.")
    var keep = false

    @Option(
        help:
            "The local model folder for the rows whose queries ZenGlow embeds (default: EMBED_MODEL_DIR, else .zenglow/models/all-MiniLM-L6-v2)."
    )
    var modelDir: String?

    @Flag(help: "Skip the rows whose queries ZenGlow embeds itself.")
    var noServerEmbedding = false

    func run() async throws {
        var logger = Logger(label: "zenglow.eval")
        logger.logLevel = .warning
        try await CommandFailure.reporting("eval") {
            let embedder =
                noServerEmbedding
                ? nil
                : try LocalEmbedder(
                    directory: try modelDir.map { ModelDirectory(url: URL(fileURLWithPath: $0)) }
                        ?? EmbeddedDefaults.modelDirectory())
            let evaluation = Evaluation(
                options: .init(
                    dataFolder: data, root: root, server: try EmbeddedDefaults.database().url, k1: k1, b: b,
                    keepDatabase: keep, queryEmbedder: embedder),
                logger: logger)
            let report = try await evaluation.run { print($0) }
            print(report.text)
        }
    }
}
