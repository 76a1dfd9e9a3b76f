import Testing
import ZenGlowEval

/// `ltr fit` keeps a new model only when its cross-validated NDCG@10 beats the current model's on
/// the same folds. Tested on tiny judged sets (SciFact takes too long for CI).
@Suite("ltr fit's keep-only-when-better rule")
struct LTRKeepRuleTests {
    static func candidate(_ id: String, bm25: Double, title: Double) -> LinearRanker.Candidate {
        LinearRanker.Candidate(documentID: id, values: [bm25, 0, title, 0, 0, 0], cosine: 0)
    }

    /// 20 queries whose answer has the best title match but a middling BM25 when `titleDecides`,
    /// else the best BM25 too.
    static func judged(titleDecides: Bool) -> [CoordinateAscent.Judged] {
        (0..<20).map { n in
            CoordinateAscent.Judged(
                candidates: [
                    candidate("noise-\(n)", bm25: titleDecides ? 1.0 : 0.5, title: 0),
                    candidate("answer-\(n)", bm25: titleDecides ? 0.6 : 1.0, title: 1),
                    candidate("other-\(n)", bm25: 0.2, title: 0),
                ],
                relevant: ["answer-\(n)"])
        }
    }

    static let bm25Only = LinearRanker(coefficients: [1, 0, 0, 0, 0, 0], ltrWeight: 1, vectorWeight: 0)

    @Test("a model that ranks better on held-out folds is kept")
    func betterModelIsKept() {
        let queries = Self.judged(titleDecides: true)
        let (_, fitted) = LTRTraining.fit(queries, from: Self.bm25Only)
        let current = LTRTraining.heldOutNDCG(of: Self.bm25Only, queries)
        #expect(fitted.crossValidatedNDCG == 1)
        #expect(current < 0.7)
        #expect(LTRTraining.keeps(newNDCG: fitted.crossValidatedNDCG, currentNDCG: current))
    }

    @Test("a model that cannot beat the current one is not kept, and equal is not better")
    func equalModelIsNotKept() {
        let queries = Self.judged(titleDecides: false)
        let (_, fitted) = LTRTraining.fit(queries, from: Self.bm25Only)
        let current = LTRTraining.heldOutNDCG(of: Self.bm25Only, queries)
        #expect(current == 1)
        #expect(fitted.crossValidatedNDCG == 1)
        #expect(!LTRTraining.keeps(newNDCG: fitted.crossValidatedNDCG, currentNDCG: current))
        #expect(!LTRTraining.keeps(newNDCG: 0.7, currentNDCG: 0.71))
    }

    @Test("the current model is scored on the same folds: for a fixed model, its mean over the queries")
    func currentModelOnTheSameFolds() {
        var queries = Self.judged(titleDecides: true)
        queries += Self.judged(titleDecides: false).prefix(7)
        let mean = CoordinateAscent.meanNDCG(Self.bm25Only, queries)
        #expect(abs(LTRTraining.heldOutNDCG(of: Self.bm25Only, queries) - mean) < 1e-12)
    }

    @Test("settings overrides replace only the fields given; options carry all four")
    func settingsOverrides() {
        let settings = RetrievalSettings.defaults.overriding(k1: 0.9, b: 0.4)
        #expect(settings == RetrievalSettings(k1: 0.9, b: 0.4, candidates: 200, lexicalBudget: 5000))
        #expect(settings.json == #"{"b":0.4,"candidates":200,"k1":0.9,"lexical_budget":5000}"#)
        #expect(settings.summary == "k1 0.9, b 0.4, candidates 200, lexical_budget 5000")
    }
}
