import Foundation

/// Binary-relevance ranking metrics, as BEIR computes them.
public enum RankingMetrics {
    /// NDCG@k with a log2 discount; the ideal ranking puts every judged document first.
    public static func ndcg(_ ranked: [String], relevant: Set<String>, k: Int = 10) -> Double {
        let dcg = ranked.prefix(k).enumerated().reduce(0.0) { sum, item in
            sum + (relevant.contains(item.element) ? 1 / log2(Double(item.offset) + 2) : 0)
        }
        let ideal = (0..<min(relevant.count, k)).reduce(0.0) { $0 + 1 / log2(Double($1) + 2) }
        return ideal == 0 ? 0 : dcg / ideal
    }

    /// The share of the judged documents found in the first k.
    public static func recall(_ ranked: [String], relevant: Set<String>, k: Int = 100) -> Double {
        relevant.isEmpty ? 0 : Double(Set(ranked.prefix(k)).intersection(relevant).count) / Double(relevant.count)
    }

    /// 1 / the rank of the first judged document within the first k, else 0.
    public static func reciprocalRank(_ ranked: [String], relevant: Set<String>, k: Int = 10) -> Double {
        guard let index = ranked.prefix(k).firstIndex(where: relevant.contains) else { return 0 }
        return 1 / Double(index + 1)
    }
}
