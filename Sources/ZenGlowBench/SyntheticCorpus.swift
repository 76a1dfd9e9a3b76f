import Foundation
import ZenGlowIngest

/// A synthetic corpus shaped like real retrieval data: chunk texts of 60–260 words drawn from a
/// Zipf-distributed vocabulary (a few very common words, a long tail of rare ones), and 384-d
/// unit embeddings of low intrinsic dimension: a point in a 32-d latent space (its topic's
/// centre plus a spread of about the same size) mapped through a fixed random 384×32 basis, plus
/// a little isotropic noise, normalised. Real embeddings look like this (a few dozen directions
/// carry most of the variance), and it gives nearest neighbours real structure: the distance gap
/// between the 10th and 11th neighbour does not vanish, so recall@10 means something. Isotropic
/// noise around topic centroids, which this replaced, made ranks 2–500 near-ties.
public struct SyntheticCorpus: Sendable {
    public static let dimension = 384
    /// The embeddings' intrinsic dimension.
    public static let latentDimension = 32
    public let vocabulary: [String]
    let cumulative: [Double]
    /// Each topic's centre in the latent space.
    let centroids: [[Float]]
    /// The latent space's image in the embedding space: `dimension` rows of `latentDimension`.
    let basis: [[Float]]
    public let seed: UInt64

    public init(seed: UInt64 = 42, vocabularySize: Int = 30000, topics: Int = 256) {
        var random = SplitMix64(seed: seed)
        self.seed = seed
        let syllables = [
            "ka", "lo", "mi", "ter", "an", "os", "vi", "rum", "el", "tra", "po", "sen", "dor", "gen", "ix",
        ]
        var words = Set<String>()
        var vocabulary: [String] = []
        while vocabulary.count < vocabularySize {
            let length = Int.random(in: 2...4, using: &random)
            let word = (0..<length).map { _ in syllables[Int.random(in: 0..<syllables.count, using: &random)] }
                .joined()
            if words.insert(word).inserted { vocabulary.append(word) }
        }
        self.vocabulary = vocabulary
        var running = 0.0
        cumulative = (1...vocabularySize).map { rank in
            running += 1 / pow(Double(rank), 1.07)
            return running
        }
        centroids = (0..<topics).map { _ in (0..<Self.latentDimension).map { _ in Float(random.gaussian()) } }
        let scale = 1 / Double(Self.latentDimension).squareRoot()
        basis = (0..<Self.dimension).map { _ in
            (0..<Self.latentDimension).map { _ in Float(scale * random.gaussian()) }
        }
    }

    /// Chunk `index`'s text, topic and embedding: the same index always gives the same chunk.
    public func chunk(_ index: Int) -> (text: String, topic: Int, embedding: [Float]) {
        var random = SplitMix64(seed: seed &+ UInt64(index) &* 0x2545_F491_4F6C_DD1D)
        let topic = Int.random(in: 0..<centroids.count, using: &random)
        let words = Int.random(in: 60...260, using: &random)
        // A topic shifts which rare words it uses, as real topics do.
        let offset = topic * 97
        let text = (0..<words).map { _ in
            let rank = word(&random)
            return vocabulary[rank < 200 ? rank : (rank + offset) % vocabulary.count]
        }.joined(separator: " ")
        return (text, topic, embedding(near: topic, spread: 1.0, &random))
    }

    /// A query near a topic, with a few of that topic's words.
    public func query(_ index: Int) -> (text: String, embedding: [Float]) {
        var random = SplitMix64(seed: ~seed &+ UInt64(index) &* 0x9E37_79B9)
        let topic = Int.random(in: 0..<centroids.count, using: &random)
        let offset = topic * 97
        let text = (0..<Int.random(in: 3...8, using: &random)).map { _ in
            let rank = word(&random)
            return vocabulary[rank < 200 ? rank : (rank + offset) % vocabulary.count]
        }.joined(separator: " ")
        return (text, embedding(near: topic, spread: 1.0, &random))
    }

    /// `count` chunks from `start` as one batch of single-chunk documents.
    public func batch(tenant: String, tag: String, start: Int, count: Int) -> IngestBatch {
        IngestBatch(
            tenant: tenant, tag: tag, source: "synthetic",
            documents: (start..<(start + count)).map { index in
                let chunk = chunk(index)
                return IngestDocument(
                    id: "doc-\(index)", source: "topic-\(chunk.topic % 16)", title: "Document \(index)",
                    chunks: [IngestChunk(order: 0, text: chunk.text, embedding: chunk.embedding)])
            })
    }

    private func word(_ random: inout SplitMix64) -> Int {
        let target = Double.random(in: 0..<cumulative[cumulative.count - 1], using: &random)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func embedding(near topic: Int, spread: Double, _ random: inout SplitMix64) -> [Float] {
        let centre = centroids[topic]
        let latent = (0..<Self.latentDimension).map { centre[$0] + Float(spread * random.gaussian()) }
        // A little noise off the latent space, as real models have: 5 % of a component's standard
        // deviation (a component sums latentDimension products of variance 1/latentDimension × 2).
        let noise = 0.05 * 2.0.squareRoot()
        return Self.normalised(
            basis.map { row in
                var value: Float = 0
                for index in 0..<Self.latentDimension { value += row[index] * latent[index] }
                return value + Float(noise * random.gaussian())
            })
    }

    static func normalised(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }
}
