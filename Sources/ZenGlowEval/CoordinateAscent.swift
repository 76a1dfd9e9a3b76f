/// Fits a LinearRanker's coefficients by coordinate ascent on mean NDCG@10 (Metzler and Croft's
/// method, as in RankLib): each coefficient in turn is moved by shrinking steps while that helps.
public struct CoordinateAscent: Sendable {
    public struct Judged: Sendable {
        public let candidates: [LinearRanker.Candidate]
        public let relevant: Set<String>

        public init(candidates: [LinearRanker.Candidate], relevant: Set<String>) {
            self.candidates = candidates
            self.relevant = relevant
        }
    }

    public var rounds = 4
    public var steps: [Double] = [1, 0.5, 0.25, 0.1, 0.05, 0.02]

    public init() {}

    public func fit(_ start: LinearRanker, on queries: [Judged]) -> LinearRanker {
        var best = start
        var bestScore = Self.meanNDCG(best, queries)
        for _ in 0..<rounds {
            var improved = false
            for index in best.coefficients.indices {
                for step in steps {
                    for direction in [1.0, -1.0] {
                        var trial = best
                        trial.coefficients[index] += direction * step
                        let score = Self.meanNDCG(trial, queries)
                        if score > bestScore + 1e-9 {
                            best = trial
                            bestScore = score
                            improved = true
                        }
                    }
                }
            }
            if !improved { break }
        }
        return best
    }

    public static func meanNDCG(_ ranker: LinearRanker, _ queries: [Judged]) -> Double {
        guard !queries.isEmpty else { return 0 }
        return queries.reduce(0) { $0 + RankingMetrics.ndcg(ranker.rank($1.candidates), relevant: $1.relevant) }
            / Double(queries.count)
    }
}
