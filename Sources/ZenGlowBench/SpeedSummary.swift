import Foundation

/// Everything one `zenglow bench speed` run measured, and the closing table that sets it beside
/// the goals (README, BENCHMARKING.md): hybrid p95 ≤ 30 ms, ≥ 100 queries/s at concurrency 4,
/// within 2× of raw pgvector HNSW in the same run, a loader ≥ 0.8 of plain COPY.
struct SpeedSummary: Sendable {
    var chunks: Int
    var plainCopy = 0.0
    var loader = 0.0
    var loaderWithIndexes = 0.0
    var gap = DistanceGap()
    var ginSeconds = 0.0
    var ivfflat: IndexBuild?
    var hnsw: IndexBuild?
    var ivfflatLatency: [LatencyRow] = []
    var hnswLatency: [LatencyRow] = []

    func table() -> [String] {
        var lines = [
            "summary, \(chunks) chunks".padding(toLength: 58, withPad: " ", startingAt: 0)
                + "measured".padding(toLength: 22, withPad: " ", startingAt: 0) + "goal"
        ]
        func line(_ name: String, _ figure: String, _ goal: String = "") {
            lines.append(
                name.padding(toLength: 58, withPad: " ", startingAt: 0)
                    + figure.padding(toLength: max(22, figure.count + 2), withPad: " ", startingAt: 0) + goal)
        }
        if plainCopy > 0 {
            line("loader / plain COPY, no indexes", String(format: "%.2f", loader / plainCopy), "≥ 0.80")
            line("loader, chunks/s (plain COPY)", String(format: "%.0f (%.0f)", loader, plainCopy))
        }
        if loaderWithIndexes > 0 {
            line("loader with HNSW + GIN maintained, chunks/s", String(format: "%.0f", loaderWithIndexes))
        }
        line(
            "distance gap 10th→11th neighbour (1st→10th)",
            String(format: "%.5f (%.4f)", gap.tenthToEleventh, gap.firstToTenth))
        for build in [ivfflat, hnsw].compactMap({ $0 }) where build.seconds > 0 {
            line(
                "\(build.kind) build s / size / peak MiB",
                String(format: "%.0f / %@ / %.0f", build.seconds, build.size, build.peakMemoryMiB))
        }
        if ginSeconds > 0 { line("GIN build s", String(format: "%.0f", ginSeconds)) }
        for build in [ivfflat, hnsw].compactMap({ $0 }) {
            for figure in build.recall {
                line("\(build.kind) recall@10, \(figure.setting)", String(format: "%.4f", figure.recall))
            }
        }
        for (kind, rows) in [("ivfflat", ivfflatLatency), (hnsw?.kind ?? "hnsw", hnswLatency)] where !rows.isEmpty {
            for row in rows {
                let goal = row.label.contains("fusion") ? (row.summary.clients == 1 ? "p95 ≤ 30 ms" : "≥ 100 q/s") : ""
                line(
                    "[\(kind)] \(row.label), c\(row.summary.clients) p50/p95 ms, q/s",
                    String(format: "%.1f/%.1f, %.0f", row.summary.p50, row.summary.p95, row.summary.perSecond), goal)
            }
            for clients in [1, 4] {
                guard let raw = rows.first(where: { $0.label.hasPrefix("raw") && $0.summary.clients == clients }) else {
                    continue
                }
                for row in rows where row.label.hasPrefix("rag_query") && row.summary.clients == clients {
                    line(
                        "[\(kind)] \(row.label.dropFirst(10)) p95 / raw pgvector p95, c\(clients)",
                        String(format: "%.2f×", row.summary.p95 / max(raw.summary.p95, 0.001)),
                        row.label.contains("fusion") && kind == "hnsw" ? "≤ 2×" : "")
                }
            }
        }
        return lines
    }
}
