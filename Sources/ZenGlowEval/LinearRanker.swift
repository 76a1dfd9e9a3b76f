/// The fusion score rag_query computes, replicated in Swift so that LTR coefficients can be
/// searched without a database round trip per step: a linear model over the features, min-max
/// normalised over a query's candidates, blended with the min-max-normalised cosine.
public struct LinearRanker: Sendable {
    /// Feature schema 1, in this order.
    public static let features = ["bm25", "cosine", "title_match", "recency", "source_prior", "chunk_length"]

    /// One candidate's features (bm25 already divided by the best candidate's), and its document.
    public struct Candidate: Sendable {
        public let documentID: String
        public let values: [Double]
        public let cosine: Double

        public init(documentID: String, values: [Double], cosine: Double) {
            self.documentID = documentID
            self.values = values
            self.cosine = cosine
        }
    }

    public var coefficients: [Double]
    public var ltrWeight: Double
    public var vectorWeight: Double

    public init(coefficients: [Double], ltrWeight: Double, vectorWeight: Double) {
        self.coefficients = coefficients
        self.ltrWeight = ltrWeight
        self.vectorWeight = vectorWeight
    }

    /// The candidates' document ids, best first.
    public func rank(_ candidates: [Candidate]) -> [String] {
        let ltr = candidates.map { zip(coefficients, $0.values).reduce(0) { $0 + $1.0 * $1.1 } }
        let ltrNorm = Self.minMax(ltr)
        let vectorNorm = Self.minMax(candidates.map(\.cosine))
        let scores = candidates.indices.map { ltrWeight * ltrNorm[$0] + vectorWeight * vectorNorm[$0] }
        return candidates.indices.sorted { scores[$0] > scores[$1] }.map { candidates[$0].documentID }
    }

    static func minMax(_ values: [Double]) -> [Double] {
        guard let low = values.min(), let high = values.max(), high > low else { return values.map { _ in 0 } }
        return values.map { ($0 - low) / (high - low) }
    }
}
