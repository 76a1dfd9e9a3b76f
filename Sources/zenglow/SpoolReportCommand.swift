import ArgumentParser
import Foundation
import ZenGlowSpool

/// `zenglow spool report`: the latest batch summaries of SPOOL_REPORT_DIR as a table.
struct SpoolReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the latest ingestion summaries (SPOOL_REPORT_DIR): counts, PII findings, drift, time."
    )

    @OptionGroup var options: SpoolOptions

    @Option(help: "How many summaries, newest first.")
    var limit = 20

    @Option(help: "Only this tenant's batches.")
    var tenant: String?

    func run() async throws {
        try await CommandFailure.reporting("spool report") {
            let configuration = try await SpoolSettings.load(options)
            let summaries = SummaryWriter(directory: configuration.reportDirectory).latest(
                limit: max(1, limit), tenant: tenant)
            guard !summaries.isEmpty else {
                print("no summaries in \(configuration.reportDirectory) yet")
                return
            }
            let header = [
                "written (UTC)", "tenant", "batch", "state", "accepted", "rejected", "embedded", "pii", "drift", "ms",
            ]
            let rows = summaries.map { summary in
                [
                    summary.writtenAt.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false)),
                    summary.tenant, summary.batchTag, summary.resubmitted ? "\(summary.state) (again)" : summary.state,
                    "\(summary.accepted)", "\(summary.rejected)", "\(summary.embedded)", "\(summary.pii.total)",
                    summary.drift.map {
                        $0.flagged ? String(format: "%.2f!", $0.maxDelta) : String(format: "%.2f", $0.maxDelta)
                    }
                        ?? "-",
                    String(format: "%.0f", summary.durations["total"] ?? 0),
                ]
            }
            let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
            for row in [header] + rows {
                print(
                    zip(row, widths).map { $0.0.padding(toLength: $0.1, withPad: " ", startingAt: 0) }.joined(
                        separator: "  "))
            }
            print(
                "drift: the largest change of a source's share against the tenant's previous batch; ! = over DRIFT_THRESHOLD"
            )
        }
    }
}
