/// Why a vector cannot take part in cosine similarity; one rule for query embeddings (the API)
/// and chunk embeddings (the loader), checked before anything reaches SQL.
public enum EmbeddingProblem: Sendable, Equatable, CustomStringConvertible {
    case empty
    case wrongDimension(expected: Int, actual: Int)
    /// NaN or an infinity at this 0-based position.
    case nonFinite(index: Int)
    /// Every component is 0: the direction, and so the cosine, is undefined.
    case zeroLength
    /// The squared norm does not fit a 32-bit float, so pgvector's cosine would overflow.
    case normOverflow

    /// The first problem of `values`, or nil when it is a usable embedding.
    public static func find(in values: [Float], dimension: Int? = nil) -> EmbeddingProblem? {
        if values.isEmpty { return .empty }
        if let dimension, values.count != dimension {
            return .wrongDimension(expected: dimension, actual: values.count)
        }
        var squares = 0.0
        for (index, value) in values.enumerated() {
            guard value.isFinite else { return .nonFinite(index: index) }
            squares += Double(value) * Double(value)
        }
        if squares == 0 { return .zeroLength }
        if !Float(squares).isFinite { return .normOverflow }
        return nil
    }

    public var description: String {
        switch self {
        case .empty: return "is empty"
        case .wrongDimension(let expected, let actual): return "has \(actual) dimensions; the model has \(expected)"
        case .nonFinite(let index): return "holds NaN or an infinite value at index \(index)"
        case .zeroLength: return "has zero length (all components 0), so its cosine is undefined"
        case .normOverflow: return "has a norm too large for a 32-bit float"
        }
    }
}
