import Foundation
import Testing
import ZenGlowEval

@Suite("ranking metrics and the LTR fitter")
struct RankingMetricsTests {
    @Test("NDCG@10, Recall@100 and MRR@10 match hand-computed values")
    func metrics() {
        let ranked = ["a", "x", "b", "y"]
        let relevant: Set = ["a", "b", "c"]
        let dcg = 1 / log2(2.0) + 1 / log2(4.0)
        let ideal = 1 / log2(2.0) + 1 / log2(3.0) + 1 / log2(4.0)
        #expect(abs(RankingMetrics.ndcg(ranked, relevant: relevant) - dcg / ideal) < 1e-12)
        #expect(RankingMetrics.recall(ranked, relevant: relevant) == 2.0 / 3.0)
        #expect(RankingMetrics.reciprocalRank(["x", "y", "b"], relevant: relevant) == 1.0 / 3.0)
        #expect(RankingMetrics.reciprocalRank(["x"], relevant: relevant) == 0)
        #expect(RankingMetrics.ndcg(["a", "b", "c"], relevant: relevant) == 1)
    }

    @Test("coordinate ascent finds coefficients that put the relevant documents first")
    func coordinateAscent() {
        // The relevant document has the best title match but a middling BM25: only a model that
        // weighs the title feature ranks it first.
        func candidate(_ id: String, bm25: Double, title: Double) -> LinearRanker.Candidate {
            LinearRanker.Candidate(documentID: id, values: [bm25, 0, title, 0, 0, 0], cosine: 0)
        }
        let queries = (0..<20).map { n in
            CoordinateAscent.Judged(
                candidates: [
                    candidate("noise-\(n)", bm25: 1.0, title: 0), candidate("answer-\(n)", bm25: 0.6, title: 1),
                    candidate("other-\(n)", bm25: 0.2, title: 0),
                ],
                relevant: ["answer-\(n)"])
        }
        let start = LinearRanker(coefficients: [1, 0, 0, 0, 0, 0], ltrWeight: 1, vectorWeight: 0)
        let fitted = CoordinateAscent().fit(start, on: queries)
        #expect(CoordinateAscent.meanNDCG(start, queries) < 0.7)
        #expect(CoordinateAscent.meanNDCG(fitted, queries) == 1)
    }
}
