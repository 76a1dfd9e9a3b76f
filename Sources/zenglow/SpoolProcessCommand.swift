import ArgumentParser
import Foundation
import Logging
import ZenGlowSpool

/// `zenglow spool process`: one run over what is in `incoming/` (and orphans in `processing/`),
/// then exit — for a systemd path unit or cron.
struct SpoolProcessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Run once over the ready files, whatever SPOOL_MIN_FILES and SPOOL_MAX_WAIT say, then exit.",
        discussion: """
            Prints a line per file as it ends. Exits 1 when a file went to failed/ (its NAME.reason.json \
            says why), 0 otherwise (files put back after a transient failure are retried by a later run).
            """
    )

    @OptionGroup var options: SpoolOptions

    @Flag(help: "Validate and report what a run would do; claim, load and write nothing.")
    var dryRun = false

    @Option(help: "Seconds to keep trying to deliver gate notifications before exiting (they stay queued).")
    var gateFlushSeconds: Double = 10

    func run() async throws {
        try await CommandFailure.reporting("spool process") {
            let configuration = try await SpoolSettings.load(options)
            try configuration.directory.check()
            if dryRun {
                try report(SpoolDryRun.check(configuration))
                return
            }
            let logger = SpoolLogging.logger(label: "zenglow.spool")
            let runner = try SpoolSettings.runner(configuration, logger: logger)
            let gate = runner.gate
            let report = try await runner.run { outcome in
                let stderr = FileHandle.standardError
                stderr.write(Data((SpoolProgressLine.text(outcome) + "\n").utf8))
            }
            await gate.flush(within: .milliseconds(Int(gateFlushSeconds * 1000)))
            await gate.shutdown()
            guard let report else {
                print("spool \(configuration.directory.root): nothing ready in incoming/")
                return
            }
            let counts = report.counts
            print(
                "run \(report.runID): \(report.reason.rawValue) — \(counts.files) files, \(counts.batches) batches, \(counts.chunksAccepted) chunks accepted, \(counts.chunksRejected) rejected, \(counts.embedded) embedded, \(counts.filesFailed) failed, \(counts.filesRetried) put back (\(SpoolProgressLine.seconds(report.duration)))"
            )
            if counts.filesFailed > 0 { throw ExitCode(1) }
        }
    }

    private func report(_ files: [SpoolDryRun.FileReport]) throws {
        for file in files {
            let status = file.failures.isEmpty ? "ok" : "would fail"
            print(
                "\(status) \(file.file): \(file.batches.count) batches, \(file.chunks) chunks (\(file.textOnly) to embed), PII findings \(file.pii.total)"
            )
            for failure in file.failures { print("  \(failure.code.rawValue): \(failure)") }
        }
        print(
            "dry run: \(files.count) files ready, \(files.filter { !$0.failures.isEmpty }.count) would fail; nothing changed"
        )
        if files.contains(where: { !$0.failures.isEmpty }) { throw ExitCode(1) }
    }
}

/// The line `spool process` prints per file.
enum SpoolProgressLine {
    static func text(_ outcome: SpoolFileOutcome) -> String {
        let chunks = outcome.batches.reduce(0) { $0 + Int($1.result.accepted) }
        switch outcome.disposition {
        case .archived:
            return "archived \(outcome.file): \(outcome.batches.count) batches, \(chunks) chunks"
        case .failed:
            let first = outcome.failures.first.map { "\($0.code.rawValue): \($0)" } ?? ""
            return "failed \(outcome.file) (\(outcome.batches.count) batches loaded): \(first)"
        case .retried:
            let cause = outcome.transient.map { "\($0.code.rawValue): \($0)" } ?? ""
            return "put back \(outcome.file) after attempt \(outcome.attempt): \(cause)"
        }
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.2f s", Double(duration / .milliseconds(1)) / 1000)
    }
}
