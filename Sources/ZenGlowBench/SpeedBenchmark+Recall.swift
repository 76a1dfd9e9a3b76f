import Foundation
import PostgresNIO
import ZenGlowDB

/// The exact top-10 (and 11th) neighbours of the recall queries, found once by a sequential scan
/// and reused for every index measured.
struct ExactNeighbours: Sendable {
    var top: [[Int64]]
    var gap: DistanceGap
}

/// Whether recall can mean anything on this data: how far apart the 10th and 11th neighbours are,
/// next to how far apart the 1st and 10th are (medians over the queries, cosine distance).
struct DistanceGap: Sendable {
    var tenthToEleventh = 0.0
    var firstToTenth = 0.0
    var tenth = 0.0
}

/// Recall@10 of one index under one search setting.
struct RecallFigure: Sendable {
    var setting: String
    var recall: Double
}

extension SpeedBenchmark {
    func queryEmbedding(_ index: Int) -> [Float] { corpus.query(10_000 + index).embedding }

    func exactNeighbours(report: @Sendable (String) -> Void) async throws -> ExactNeighbours {
        let watch = Stopwatch()
        let queries = options.recallQueries
        return try await withDatabase(url) { connection in
            try await connection.execute("set enable_indexscan = off", logger: logger)
            try await connection.execute("set enable_bitmapscan = off", logger: logger)
            try await connection.execute("set max_parallel_workers_per_gather = 2", logger: logger)
            var top: [[Int64]] = []
            var gaps: [Double] = []
            var spreads: [Double] = []
            var tenths: [Double] = []
            for index in 1...queries {
                let rows = try await connection.query(
                    """
                    select chunk_id, embedding::vector(384) <=> \(queryEmbedding(index))::real[]::vector(384)
                    from zenglow.chunks where embedding_model = 'all-MiniLM-L6-v2'
                    order by 2 limit 11
                    """, logger: logger)
                var ids: [Int64] = []
                var distances: [Double] = []
                for try await (id, distance) in rows.decode((Int64, Double).self) {
                    ids.append(id)
                    distances.append(distance)
                }
                guard distances.count == 11 else { throw BenchError("fewer than 11 chunks to measure recall on") }
                top.append(Array(ids.prefix(10)))
                gaps.append(distances[10] - distances[9])
                spreads.append(distances[9] - distances[0])
                tenths.append(distances[9])
                if index % 50 == 0 && index < queries {
                    report(String(format: "[exact]   %d of %d queries (%.0f s)", index, queries, watch.seconds))
                }
            }
            let gap = DistanceGap(
                tenthToEleventh: median(gaps), firstToTenth: median(spreads), tenth: median(tenths))
            report(
                String(
                    format:
                        "[exact] top-11 of %d queries by sequential scan (%.1f s); median cosine distance of the 10th neighbour %.4f, 1st→10th %.4f, 10th→11th %.5f",
                    queries, watch.seconds, gap.tenth, gap.firstToTenth, gap.tenthToEleventh))
            return ExactNeighbours(top: top, gap: gap)
        }
    }

    /// Recall@10 of the index that exists, under the search settings rag_query uses (from
    /// zenglow.ann_settings for 200 candidates) and under pgvector's defaults without iterative scans.
    func recall(_ exact: ExactNeighbours, kind: String, report: @Sendable (String) -> Void) async throws
        -> [RecallFigure]
    {
        let settings: [(String, [String])] =
            kind == "hnsw"
            ? [
                ("ef_search 40 (pgvector default)", ["set local hnsw.ef_search = 40"]),
                ("ef_search 200, iterative (rag_query)", ["select zenglow.apply_ann_settings('\(Self.model)', 200)"]),
            ]
            : [
                ("probes 1 (pgvector default)", ["set local ivfflat.probes = 1"]),
                (
                    "configured probes, iterative (rag_query)",
                    ["select zenglow.apply_ann_settings('\(Self.model)', 200)"]
                ),
            ]
        var figures: [RecallFigure] = []
        for (name, statements) in settings {
            let watch = Stopwatch()
            let found = try await withDatabase(url) { connection in
                var found = 0
                for (offset, expected) in exact.top.enumerated() {
                    try await connection.execute("begin", logger: logger)
                    try await connection.execute("set local enable_seqscan = off", logger: logger)
                    for statement in statements {
                        try await connection.execute(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    let rows = try await connection.query(
                        """
                        select chunk_id from zenglow.chunks where embedding_model = 'all-MiniLM-L6-v2'
                        order by embedding::vector(384) <=> \(queryEmbedding(offset + 1))::real[]::vector(384) limit 10
                        """, logger: logger)
                    var ids = Set<Int64>()
                    for try await id in rows.decode(Int64.self) { ids.insert(id) }
                    try await connection.execute("commit", logger: logger)
                    found += ids.intersection(expected).count
                }
                return found
            }
            let figure = RecallFigure(setting: name, recall: Double(found) / Double(exact.top.count * 10))
            figures.append(figure)
            report(
                String(
                    format: "[%@] recall@10 vs exact, %@: %.4f (%d queries, %.1f s)", kind, name, figure.recall,
                    exact.top.count, watch.seconds))
        }
        return figures
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
