import Foundation
import ZenGlowIngest

/// The tables `zenglow bench load` prints.
enum LoaderBenchmarkTable {
    /// Chunks per second over all rounds of a variant.
    static func rate(_ seconds: [Double]?, _ slices: [ArraySlice<Int>]) -> Double {
        guard let seconds, !seconds.isEmpty else { return 0 }
        let chunks = slices.prefix(seconds.count).map(\.count).reduce(0, +)
        return Double(chunks) / seconds.reduce(0, +)
    }

    static func rates(seconds: [LoaderBenchmark.Variant: [Double]], chunksPerRound: [Int]) -> String {
        let plain = chunks(chunksPerRound) / (seconds[.plainText]?.reduce(0, +) ?? .infinity)
        var lines = [
            "without HNSW/GIN maintenance    "
                + chunksPerRound.indices.map { pad("round \($0 + 1) s", 11) }.joined()
                + pad("chunks/s", 10) + pad("× plain COPY", 14)
        ]
        for variant in LoaderBenchmark.Variant.allCases {
            guard let times = seconds[variant] else { continue }
            let rate = chunks(chunksPerRound) / times.reduce(0, +)
            lines.append(
                variant.rawValue.padding(toLength: 32, withPad: " ", startingAt: 0)
                    + times.map { pad(String(format: "%.1f", $0), 11) }.joined()
                    + pad(String(format: "%.0f", rate), 10) + pad(String(format: "%.2f", rate / plain), 14))
        }
        return lines.joined(separator: "\n")
    }

    /// Where each loader variant's time went, in ms per 1000 chunks.
    static func steps(
        _ totals: [LoaderBenchmark.Variant: LoaderStepTotals], chunks: Int, statisticsAggregate: Double,
        variants: [LoaderBenchmark.Variant]
    ) -> String {
        let perThousand = 1000 / Double(chunks)
        // Functions ingest_staged_batch calls directly (or whose triggers its statements fire).
        let known = [
            "check_staged_chunks", "forget_chunks", "fill_chunk_text_stats", "add_term_stats", "open_batch",
            "transition_batch", "get_batch", "ensure_chunk_partition", "advance_epoch_on_write",
        ]
        typealias Row = (String, (LoaderStepTotals) -> Double)
        let rows: [Row] = [
            ("validation (client, SHA-256)", { $0.client.validation * 1000 }),
            ("encoding (client: COPY rows)", { $0.client.encoding * 1000 }),
            ("transfer + COPY into zg_staging", { $0.client.transfer * 1000 }),
            ("ingest_staged_batch, of which:", { $0.client.ingest * 1000 }),
            ("  check_staged_chunks", { $0.functions.total("check_staged_chunks") }),
            ("  forget_chunks (replaced docs)", { $0.functions.total("forget_chunks") }),
            ("  trigger: to_tsvector, tokens", { $0.functions.total("fill_chunk_text_stats") }),
            ("  statistics: add_term_stats", { $0.functions.total("add_term_stats") }),
            (
                "  manifest, partition, epoch",
                {
                    ["open_batch", "transition_batch", "get_batch", "ensure_chunk_partition", "advance_epoch_on_write"]
                        .map($0.functions.total).reduce(0, +)
                }
            ),
            (
                "  other functions",
                { totals in
                    totals.functions.total("ingest_staged_batch") - totals.functions.own("ingest_staged_batch")
                        - known.map(totals.functions.total).reduce(0, +)
                }
            ),
            ("  own: insert, delete, aggregate", { $0.functions.own("ingest_staged_batch") }),
            ("    (statistics aggregate apart)", { _ in statisticsAggregate / perThousand }),
            ("tenant scope, commit", { $0.client.commit * 1000 }),
            ("total", { $0.client.total * 1000 }),
        ]
        var lines = [
            "loader steps, ms per 1000 chunks   "
                + variants.map { pad($0.stagingFormat == .binary ? "binary" : "text", 10) }.joined()
        ]
        for (label, value) in rows {
            lines.append(
                label.padding(toLength: 35, withPad: " ", startingAt: 0)
                    + variants.map { variant in
                        guard let total = totals[variant] else { return pad("-", 10) }
                        return pad(String(format: "%.0f", value(total) * perThousand), 10)
                    }.joined())
        }
        if let others = totals[variants[0]]?.functions.entries.filter({ !known.contains($0.key) }), !others.isEmpty {
            let listed = others.filter { $0.key != "ingest_staged_batch" }.sorted { $0.value.own > $1.value.own }
                .prefix(6).map { String(format: "%@ %.0f", $0.key, $0.value.own * perThousand) }
            if !listed.isEmpty {
                lines.append("other functions' own ms/1000 (binary): " + listed.joined(separator: ", "))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func indexed(
        _ seconds: [LoaderBenchmark.Variant: Double], chunks: Int, plainRate: Double, bareRate: Double,
        build: (hnsw: Double, gin: Double), builtOver: Int
    ) -> String {
        var lines = ["with HNSW + GIN maintained        chunks/s  × plain COPY (no indexes)  × same loader without"]
        for (variant, elapsed) in seconds.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let rate = Double(chunks) / elapsed
            lines.append(
                variant.rawValue.padding(toLength: 32, withPad: " ", startingAt: 0)
                    + pad(String(format: "%.0f", rate), 10)
                    + pad(String(format: "%.2f", rate / plainRate), 27)
                    + pad(variant == .loaderBinary ? String(format: "%.2f", rate / bareRate) : "", 22))
        }
        // Bulk load into a partition of P chunks: maintaining costs K/r_m; dropping the indexes,
        // loading and rebuilding costs K/r_b + b·(P + K), b the build's seconds per chunk.
        if let maintained = seconds[.loaderBinary].map({ Double(chunks) / $0 }), bareRate > 0 {
            let perChunkBuild = (build.hnsw + build.gin) / Double(builtOver)
            let saved = 1 / maintained - 1 / bareRate - perChunkBuild
            lines.append(
                String(
                    format: "index build: %.2f ms per chunk (HNSW %.1f s + GIN %.1f s over %d chunks); ",
                    perChunkBuild * 1000, build.hnsw, build.gin, builtOver)
                    + (saved > 0
                        ? String(
                            format:
                                "drop + load + rebuild beats loading with the indexes once a load adds more than %.0f%% of the partition's chunks",
                            100 * perChunkBuild / saved)
                        : "maintaining the indexes is cheaper per chunk than rebuilding them, at any load size"))
        }
        return lines.joined(separator: "\n")
    }

    private static func chunks(_ perRound: [Int]) -> Double { Double(perRound.reduce(0, +)) }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(1, width - text.count)) + text
    }
}
