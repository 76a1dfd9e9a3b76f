import ArgumentParser
import Logging
import ZenGlowEval

/// `zenglow tenants settings show|set TENANT`: the retrieval settings rag_query uses when a request
/// gives no option (BM25 k1 and b, candidates per branch, the lexical budget).
struct SettingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Show or change a tenant's retrieval settings (versioned, audited, announced).",
        discussion:
            "A tenant uses its newest settings version, else the newest _global one, else the defaults "
            + "(k1 1.2, b 0.75, candidates 200, lexical_budget 5000); a request's options still win.",
        subcommands: [Show.self, Set.self]
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the settings a tenant's queries use.")

        @Argument(help: "The tenant id.")
        var tenant: String

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            try await CommandFailure.reporting("tenants settings show") {
                print(
                    try await RetrievalSettingsConsole.show(
                        url: try EmbeddedDefaults.database().url, tenant: tenant, json: json,
                        logger: SettingsCommand.logger))
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Activate a new settings version: the fields given over those in effect (_global: the fallback).")

        @Argument(help: "The tenant id, or _global for the settings every tenant without its own uses.")
        var tenant: String

        @Option(help: "BM25 k1 (0..100).")
        var k1: Double?

        @Option(help: "BM25 b (0..1).")
        var b: Double?

        @Option(help: "Candidates per branch (1..1000; never fewer than a request's top_k).")
        var candidates: Int?

        @Option(help: "Postings the lexical branch may score (1..1000000).")
        var lexicalBudget: Int?

        @Option(help: "Why (audited).")
        var reason: String

        @Option(help: "Who (audited).")
        var actor = "zenglow tenants settings"

        func run() async throws {
            try await CommandFailure.reporting("tenants settings set") {
                let changes = [
                    ("k1", k1), ("b", b), ("candidates", candidates.map(Double.init)),
                    ("lexical_budget", lexicalBudget.map(Double.init)),
                ].compactMap { key, value in value.map { (key, $0) } }
                print(
                    try await RetrievalSettingsConsole.set(
                        url: try EmbeddedDefaults.database().url, tenant: tenant,
                        changes: Dictionary(uniqueKeysWithValues: changes), reason: reason, actor: actor,
                        logger: SettingsCommand.logger))
            }
        }
    }

    static var logger: Logger {
        var logger = Logger(label: "zenglow.tenants.settings")
        logger.logLevel = .warning
        return logger
    }
}
