import ArgumentParser
import Foundation
import ZenGlowDB

/// `zenglow ann show|set|apply MODEL`: a model's ANN index settings (zenglow.ann_settings), see
/// docs/retrieval.md#ann-index-settings.
struct ANNCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ann",
        abstract: "Show or change an embedding model's ANN index settings (HNSW or IVFFlat), and rebuild its index.",
        discussion: """
            Connects with DATABASE_URL, else the embedded database, as the owner or a superuser. Search settings \
            (hnsw_ef_search, ivfflat_probes) apply to the next query; build settings (index kind, m, ef_construction, \
            lists) need `zenglow ann apply`, which rebuilds the index concurrently.
            """,
        subcommands: [Show.self, Change.self, Apply.self]
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the settings, the index and whether it must be rebuilt.")

        @Argument(help: "The embedding model.")
        var model = "all-MiniLM-L6-v2"

        func run() async throws {
            print(
                try await CommandFailure.reporting("ann show") {
                    try await OperatorConnection.with("ann") { try await $0.annSettings(model: model, logger: $1) }
                })
        }
    }

    struct Change: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change settings in one audited call; unnamed settings keep their value.",
            discussion:
                "Pass 'default' to --hnsw-ef-search or --ivfflat-lists to go back to choosing them automatically."
        )

        @Argument(help: "The embedding model.")
        var model: String

        @Option(help: "hnsw or ivfflat.")
        var kind: String?

        @Option(help: "HNSW m (2..100).")
        var hnswM: Int?

        @Option(help: "HNSW ef_construction (4..1000).")
        var hnswEfConstruction: Int?

        @Option(help: "HNSW ef_search (1..1000, or 'default': the query's candidate count, at least 40).")
        var hnswEfSearch: String?

        @Option(help: "IVFFlat lists (1..32768, or 'default': rows/1000 up to 1M rows, sqrt(rows) above).")
        var ivfflatLists: String?

        @Option(help: "IVFFlat probes (1..32768).")
        var ivfflatProbes: Int?

        @Option(help: "Who made the change (audited).")
        var actor = ProcessInfo.processInfo.environment["USER"] ?? "operator"

        func run() async throws {
            let settings = try ANNSettingsArguments(
                kind: kind, hnswM: hnswM, hnswEfConstruction: hnswEfConstruction, hnswEfSearch: hnswEfSearch,
                ivfflatLists: ivfflatLists, ivfflatProbes: ivfflatProbes
            ).json()
            print(
                try await CommandFailure.reporting("ann set") {
                    try await OperatorConnection.with("ann") {
                        try await $0.setANNSettings(model: model, settingsJSON: settings, actor: actor, logger: $1)
                    }
                })
        }
    }

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the model's ANN index from its settings, concurrently (queries and loads go on).",
            discussion:
                "One line per partition as it is built; the old index serves queries until the new one replaces it."
        )

        @Argument(help: "The embedding model.")
        var model = "all-MiniLM-L6-v2"

        func run() async throws {
            print(
                try await CommandFailure.reporting("ann apply") {
                    try await OperatorConnection.with("ann") { connection, logger in
                        try await connection.rebuildANNIndex(
                            model: model,
                            progress: { FileHandle.standardError.write(Data("zenglow ann apply: \($0)\n".utf8)) },
                            logger: logger)
                    }
                })
        }
    }
}
