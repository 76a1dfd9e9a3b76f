/// A deterministic, dependency-free text embedding: signed feature hashing of lower-cased words
/// and word pairs into 384 dimensions, L2-normalised. It knows nothing of meaning (synonyms do
/// not meet), but texts sharing words are near each other. It exists so the demo corpus of
/// `make dev` can exercise the vector branch offline; real deployments embed with a model.
public enum HashingEmbedding {
    /// The registry name of vectors made this way (never confused with a real model's).
    public static let modelName = "zenglow-hashing-384"
    public static let dimension = 384

    public static func embed(_ text: String) -> [Float] {
        var vector = [Float](repeating: 0, count: dimension)
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
            .filter { $0.count > 1 }
        func add(_ feature: some StringProtocol, weight: Float) {
            let hash = fnv1a(feature)
            let index = Int(hash % UInt64(dimension))
            vector[index] += (hash >> 63) == 0 ? weight : -weight
        }
        for (offset, word) in words.enumerated() {
            add(word, weight: 1)
            if offset > 0 { add("\(words[offset - 1]) \(word)", weight: 0.5) }
        }
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else {
            vector[0] = 1
            return vector
        }
        return vector.map { $0 / norm }
    }

    private static func fnv1a(_ text: some StringProtocol) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
