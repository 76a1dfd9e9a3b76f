import ArgumentParser
import Foundation
import Logging
import ZenGlowDB
import ZenGlowStats

struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Latency, errors, cache hits, ingestion, drift and weight changes, read as zenglow_analyst.",
        discussion: """
            Screens: latency, errors, cache (from the rollups: zenglow_stats.query_stats_5m/_1h/_1d, the coarsest \
            level the bucket allows), ingest (zenglow_stats.ingest_daily), drift (batch_source_drift, \
            result_drift_weekly) and weights (weight_change_effects). Connects with ANALYST_DATABASE_URL (a login \
            that is zenglow_analyst), else DATABASE_URL, else the embedded database, and reads as zenglow_analyst \
            (`set role`), so the login must be a member of it. --json prints the series rows (bucket, group, the \
            numbers) as an array of objects; --csv the same with a header line.
            """
    )

    @Argument(help: "latency, errors, cache, ingest, drift or weights.")
    var screen: String

    @Option(parsing: .unconditional, help: "How far back: 30m, 24h, 7d, 2w … (default 24h).")
    var since: String?

    @Option(help: "Split rows by tenant, mode, model or stage (stage for latency only).")
    var by: String?

    @Option(
        parsing: .unconditional,
        help: "Series bucket, a multiple of 5m (default 1h; ingest: a multiple of 1d, default 1d).")
    var bucket: String?

    @Flag(help: "Print the series rows as JSON.")
    var json = false

    @Flag(help: "Print the series rows as CSV.")
    var csv = false

    func validate() throws {
        _ = try request()
    }

    func run() async throws {
        let request = try request()
        var logger = Logger(label: "zenglow.stats")
        logger.logLevel = .warning
        let report = try await CommandFailure.reporting("stats \(screen)") {
            try await StatsSession.report(request, database: try EmbeddedDefaults.analystDatabase(), logger: logger)
        }
        print(report)
    }

    /// The checked arguments; a bad one is one line and exit 2.
    private func request() throws -> StatsRequest {
        do {
            return try StatsRequest(screen: screen, since: since, by: by, bucket: bucket, json: json, csv: csv)
        } catch let error as StatsError {
            FileHandle.standardError.write(Data("zenglow stats: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
