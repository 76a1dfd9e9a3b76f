import Foundation

extension EmbedBenchmark {
    /// The side-by-side table: each figure for ZenGlow and the peer, and ZenGlow's ratio (above 1
    /// is better for ZenGlow on every row: throughput ratios are ours/theirs, latency and memory theirs/ours).
    func table(ours: Figures, peer: Figures?, agreement: Double?, documents: Int) -> [String] {
        func row(_ name: String, _ a: Double, _ b: Double?, higherIsBetter: Bool, format: String) -> String {
            let ratio = b.map { higherIsBetter ? a / $0 : $0 / a }
            func column(_ text: String, _ width: Int) -> String {
                String(repeating: " ", count: max(0, width - text.count)) + text
            }
            return name.padding(toLength: 26, withPad: " ", startingAt: 0)
                + column(String(format: format, a), 10) + column(b.map { String(format: format, $0) } ?? "-", 14)
                + column(ratio.map { String(format: "%.2f×", $0) } ?? "-", 12)
        }
        var lines = [
            "",
            "all-MiniLM-L6-v2, \(options.threads) thread(s)".padding(toLength: 26, withPad: " ", startingAt: 0)
                + "   ZenGlow  PyTorch (ST)   ZenGlow ×",
            row("documents/s", ours.documentsPerSecond, peer?.documentsPerSecond, higherIsBetter: true, format: "%.1f"),
            row("queries/s", ours.queriesPerSecond, peer?.queriesPerSecond, higherIsBetter: true, format: "%.1f"),
            row(
                "single query p50 (ms)", ours.singleQueryP50Milliseconds, peer?.singleQueryP50Milliseconds,
                higherIsBetter: false, format: "%.2f"),
            row(
                "single query p95 (ms)", ours.singleQueryP95Milliseconds, peer?.singleQueryP95Milliseconds,
                higherIsBetter: false, format: "%.2f"),
            row("peak RSS (MiB)", ours.peakRSSMebibytes, peer?.peakRSSMebibytes, higherIsBetter: false, format: "%.0f"),
        ]
        if let agreement {
            lines.append(
                String(
                    format: "agreement: lowest cosine between the two sides' %d document vectors %.6f", documents,
                    agreement))
        }
        lines.append("goals: documents/s ≥ 1.0× PyTorch; single short query p50 ≤ 10 ms on one core")
        return lines
    }
}
