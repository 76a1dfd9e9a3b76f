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
            abstract: "Fit the LTR coefficients on judged queries and store them as the newest model version.",
            discussion:
                "Reads SciFact-format judged queries; the tenant's corpus must be loaded in DATABASE_URL's database."
        )

        @Option(help: "A folder of judged queries in SciFact's format.")
        var data = "../shared/data/scifact"

        @Option(help: "The tenant whose corpus the queries are judged against.")
        var tenant: String

        @Option(help: "BM25 k1 used while fitting.")
        var k1 = 0.9

        @Option(help: "BM25 b used while fitting.")
        var b = 0.4

        func run() async throws {
            var logger = Logger(label: "zenglow.ltr")
            logger.logLevel = .warning
            try await CommandFailure.reporting("ltr fit") {
                let url = try EmbeddedDefaults.database().url
                print(
                    try await LTRTraining.fitAndStore(
                        dataFolder: data, url: url, tenant: tenant, k1: k1, b: b, logger: logger))
            }
        }
    }
}
