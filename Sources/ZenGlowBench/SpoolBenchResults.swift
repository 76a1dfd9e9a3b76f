import Foundation

/// What `bench spool` measured, and the closing table with each goal of issue 13 beside its figure.
struct SpoolBenchResults: Sendable {
    var copy: SpoolCopyResult?
    var stream: SpoolStreamResult?
    var text: SpoolTextResult?

    func table(_ options: SpoolBenchmark.Options) -> [String] {
        var rows: [(String, String, String)] = []
        if let copy {
            rows.append(
                (
                    "spool process vs psql \\copy (\(copy.chunks) × 384-d, \(copy.files) files, \(copy.spoolSeconds.count) rounds)",
                    String(format: "%.2f of COPY", copy.ratio), Self.verdict(copy.ratio >= 0.8, "≥ 0.80")
                ))
            rows.append(
                (
                    "  psql \\copy into zenglow.chunks", String(format: "%.0f chunks/s", copy.copyRate), ""
                ))
            rows.append(
                (
                    "  spool process (wall, start-up included)", String(format: "%.0f chunks/s", copy.spoolRate), ""
                ))
            rows.append(("  worker peak RSS", SpoolBenchmark.megabytes(copy.peakRSS), ""))
        }
        if let stream {
            let summary = stream.summary
            rows.append(
                (
                    String(
                        format: "stream: %d producers × %.0f/s × %.0f s, seal %.2f s, MAX_WAIT %.0f s, MIN_FILES %d",
                        options.producers, options.rate, options.streamSeconds, options.sealAge, options.maxWait,
                        options.minFiles),
                    String(format: "p95 %.2f s", summary.p95 / 1000), Self.verdict(summary.p95 <= 2000, "p95 ≤ 2 s")
                ))
            rows.append(
                (
                    "  append → searchable (commit NOTIFY), \(summary.transactions) messages",
                    String(
                        format: "p50 %.2f s, p99 %.2f s, max %.2f s", summary.p50 / 1000, summary.p99 / 1000,
                        stream.maximum / 1000), ""
                ))
            let exact = stream.lost == 0 && stream.doubled == 0 && stream.loadedBatches == stream.sent
            rows.append(
                (
                    "  count: sent = loaded, lost, doubled",
                    "\(stream.sent) = \(stream.loadedBatches), \(stream.lost), \(stream.doubled)",
                    Self.verdict(exact, "none lost or doubled")
                ))
            rows.append(
                (
                    "  segments archived, failed; searchable spot check",
                    "\(stream.segments), \(stream.failedFiles); \(stream.searchable)/\(stream.searchChecked)", ""
                ))
            if let stages = stream.stages, stages.batches > 0, stream.busyBatches > 0 {
                let load = 1000 * stages.seconds["load", default: 0] / Double(stages.batches)
                let perBatch = 1000 * stream.busySeconds / Double(stream.busyBatches)
                rows.append(
                    (
                        "  worker per batch while busy (of it in load); capacity, offered",
                        String(
                            format: "%.0f ms (%.0f ms); %.1f, %.1f batches/s", perBatch, load, 1000 / perBatch,
                            Double(options.producers) * options.rate), ""
                    ))
            }
            rows.append(
                (
                    "  last searchable after the last send; files left waiting",
                    String(format: "%.1f s; %d", stream.drainSeconds, stream.leftWaiting), ""
                ))
            rows.append(("  worker peak RSS", SpoolBenchmark.megabytes(stream.workerPeakRSS), ""))
        }
        if let text {
            rows.append(
                (
                    "text-only: \(text.chunks) chunks, \(text.files) files, embedded by the worker",
                    String(format: "%.1f chunks/s", text.rate), ""
                ))
            if let stages = text.stages {
                for stage in SpoolStageTimes.stages {
                    let seconds = stages.seconds[stage, default: 0]
                    rows.append(
                        (
                            "  \(stage)", String(format: "%.2f s (%.0f %%)", seconds, 100 * seconds / text.seconds),
                            stage == "embed" ? String(format: "%.1f chunks/s embedding alone", text.embedRate) : ""
                        ))
                }
                let other = max(
                    0, text.seconds - SpoolStageTimes.stages.reduce(0) { $0 + stages.seconds[$1, default: 0] })
                rows.append(
                    (
                        "  other (start-up, model load, claims, moves, summaries)",
                        String(format: "%.2f s (%.0f %%)", other, 100 * other / text.seconds), ""
                    ))
                rows.append(("  wall", String(format: "%.2f s", text.seconds), ""))
            }
            rows.append(("  worker peak RSS", SpoolBenchmark.megabytes(text.peakRSS), ""))
        }
        let first = max(60, rows.map { $0.0.count }.max() ?? 0)
        let second = max(24, rows.map { $0.1.count }.max() ?? 0)
        func line(_ a: String, _ b: String, _ c: String) -> String {
            (a.padding(toLength: first, withPad: " ", startingAt: 0) + "  "
                + b.padding(toLength: second, withPad: " ", startingAt: 0) + "  " + c)
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return [line("measure", "figure", "goal")] + rows.map { line($0.0, $0.1, $0.2) }
    }

    static func verdict(_ met: Bool, _ goal: String) -> String { "\(goal): \(met ? "met" : "NOT met")" }
}
