import ArgumentParser
import Foundation
import Logging
import ZenGlowDemo
import ZenGlowEmbedded
import ZenGlowEmbedding

/// `zenglow dev seed`: the demo corpus and a dev key, then a ready-to-paste query.
struct DevSeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load ZenGlow's own docs as tenant demo's corpus and make a dev API key (both idempotent)."
    )

    @Option(help: "The folder holding README.md and docs/.")
    var root = "."

    @Option(help: "The port `zenglow serve` will listen on, for the printed curl command.")
    var port = 8080

    func run() async throws {
        var logger = Logger(label: "zenglow.dev.seed")
        logger.logLevel = .warning
        try await CommandFailure.reporting("dev seed") {
            let home = try EmbeddedConfiguration.fromEnvironment().home
            let embedder = try LocalEmbedder(
                directory: try EmbeddedDefaults.modelDirectory(), threads: ProcessInfo.processInfo.activeProcessorCount)
            let result = try await DemoSeed(
                url: try EmbeddedDefaults.database().url, root: root, keyFile: home + "/dev-api-key",
                embedder: embedder, logger: logger
            ).run()
            print(
                "demo corpus: \(result.chunks) chunks of README.md and docs/ in tenant demo, batch \(result.batchTag)"
                    + (result.resubmitted ? " (already loaded)" : ""))
            print("dev API key (\(result.keyCreated ? "new" : "kept") in \(home)/dev-api-key): \(result.key)")
            print("\nTry a query once the server is up:\n")
            print(
                """
                curl -s http://127.0.0.1:\(port)/rag/query -H "Authorization: Bearer \(result.key)" \\
                  -H 'Content-Type: application/json' -d '{"query": "how does the migrator handle locks?", "top_k": 3}'
                """)
            print()
        }
    }
}
