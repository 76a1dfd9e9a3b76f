import ArgumentParser
import Logging
import ZenGlowEval

struct LTRCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ltr",
        abstract: "Learning-to-rank models.",
        subcommands: [Fit.self]
    )

    struct Fit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Fit the LTR coefficients on judged queries; keep them (and the settings fitted with) only when they beat the current model.",
            discussion:
                "Reads SciFact-format judged queries; the tenant's corpus must be loaded in DATABASE_URL's database. "
                + "Ranks with the tenant's retrieval settings (--k1/--b override them); the new model is stored, "
                + "with those settings as the tenant's new settings version, only when its 5-fold cross-validated "
                + "NDCG@10 beats the current model's on the same folds. Prints both figures either way."
        )

        @Option(help: "A folder of judged queries in SciFact's format.")
        var data = "../shared/data/scifact"

        @Option(help: "The tenant whose corpus the queries are judged against.")
        var tenant: String

        @Option(help: "BM25 k1 to fit with instead of the tenant's setting (stored with the model when kept).")
        var k1: Double?

        @Option(help: "BM25 b to fit with instead of the tenant's setting (stored with the model when kept).")
        var b: Double?

        func run() async throws {
            var logger = Logger(label: "zenglow.ltr")
            logger.logLevel = .warning
            try await CommandFailure.reporting("ltr fit") {
                let url = try EmbeddedDefaults.database().url
                print(
                    try await LTRTraining.fitAndStore(
                        dataFolder: data, url: url, tenant: tenant, k1: k1, b: b, logger: logger
                    ).text)
            }
        }
    }
}
