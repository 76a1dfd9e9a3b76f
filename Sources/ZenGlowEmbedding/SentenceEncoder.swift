import CBLAS
import Foundation

/// all-MiniLM-L6-v2 (or any BERT sentence-transformers model of the same form) run natively:
/// WordPiece tokenizer, BERT encoder, mean pooling, L2 normalisation.
///
/// Immutable once loaded and safe to call from many threads at once; each call allocates its
/// own scratch buffers and reads the weights in place from the memory-mapped file.
public final class SentenceEncoder: Sendable {
    public let directory: ModelDirectory
    /// The sha256 of the weights this encoder was loaded from, as verified at load.
    public let weightsSHA256: String
    public let tokenizer: WordPieceTokenizer
    /// The embedding width (384 for all-MiniLM-L6-v2).
    public let dimensions: Int
    let encoder: BertEncoder

    /// Sequences are grouped into passes of about this many tokens: large enough that matrix
    /// products run near BLAS's peak, small enough that a pass's buffers stay a few MB.
    static let tokensPerPass = 2048

    /// Loads and checks the model in `directory`: every required file present, the weights'
    /// checksum, the tokenizer and configuration supported, every tensor of the right shape.
    public init(directory: ModelDirectory) throws {
        weightsSHA256 = try directory.verify()
        let configuration = try BertConfiguration.load(directory.file("config.json"))
        let maximumLength = try Self.maximumSequenceLength(directory, configuration)
        tokenizer = try WordPieceTokenizer(
            definition: try TokenizerDefinition.load(directory.file("tokenizer.json")), maximumLength: maximumLength,
            file: directory.file("tokenizer.json"))
        try Self.checkVocabulary(tokenizer, configuration, file: directory.file("tokenizer.json"))
        let tensors = try SafeTensors(path: directory.file("model.safetensors").path)
        encoder = BertEncoder(
            configuration: configuration, weights: try BertWeights(tensors: tensors, configuration: configuration))
        dimensions = configuration.hiddenSize
        self.directory = directory
        // Parallelism is ours (passes on separate threads); BLAS runs each product on its caller's
        // thread, so concurrent callers never contend for OpenBLAS's own pool.
        openblas_set_num_threads(1)
    }

    /// The embeddings of `texts`, in order, using up to `threads` threads. Texts are truncated to
    /// the model's sequence length; an empty text embeds as `[CLS] [SEP]`.
    public func embed(_ texts: [String], threads: Int = 1) -> [[Float]] {
        let sequences = texts.map(tokenizer.tokenize)
        return encode(sequences, threads: threads)
    }

    /// The embeddings of already tokenized sequences, each from `tokenizer.tokenize` (so non-empty,
    /// within the sequence length, every id inside the embedding table).
    func encode(_ sequences: [[Int32]], threads: Int = 1) -> [[Float]] {
        let passes = Self.passes(for: sequences)
        let collected = PassResults(count: sequences.count)
        let workers = max(1, min(threads, passes.count))
        let next = PassCounter()
        let run: @Sendable (Int) -> Void = { _ in
            while let index = next.take(below: passes.count) {
                let pass = passes[index]
                let vectors = self.encoder.encode(pass.map { sequences[$0] })
                collected.store(vectors, at: pass)
            }
        }
        if workers == 1 { run(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: run) }
        return collected.values()
    }

    /// Refuses a tokenizer whose ids reach past the model's embedding table.
    static func checkVocabulary(
        _ tokenizer: WordPieceTokenizer, _ configuration: BertConfiguration, file: URL
    ) throws {
        let ids = Array(tokenizer.vocabulary.values) + tokenizer.rawSpecialTokens.map(\.id)
        if let bad = ids.first(where: { $0 < 0 || Int($0) >= configuration.vocabSize }) {
            throw EmbeddingError(
                .unsupportedModel,
                "\(file.path): token id \(bad) is outside the model's vocabulary of \(configuration.vocabSize); the tokenizer belongs to another model"
            )
        }
    }

    /// Indices of `sequences` grouped into passes: longest first, so each pass holds sequences
    /// of similar length and the passes are of similar cost.
    static func passes(for sequences: [[Int32]]) -> [[Int]] {
        let order = sequences.indices.sorted { sequences[$0].count > sequences[$1].count }
        var passes: [[Int]] = []
        var current: [Int] = []
        var tokens = 0
        for index in order {
            if !current.isEmpty && tokens + sequences[index].count > tokensPerPass {
                passes.append(current)
                current = []
                tokens = 0
            }
            current.append(index)
            tokens += sequences[index].count
        }
        if !current.isEmpty { passes.append(current) }
        return passes
    }

    /// `max_seq_length` from `sentence_bert_config.json` (sentence-transformers' own setting,
    /// 256 for all-MiniLM-L6-v2), else 256, never past the model's position embeddings.
    static func maximumSequenceLength(_ directory: ModelDirectory, _ configuration: BertConfiguration) throws -> Int {
        struct SentenceBertConfiguration: Decodable {
            let maxSeqLength: Int
            enum CodingKeys: String, CodingKey { case maxSeqLength = "max_seq_length" }
        }
        let file = directory.file("sentence_bert_config.json")
        var length = 256
        if FileManager.default.fileExists(atPath: file.path) {
            do {
                length = try JSONDecoder().decode(SentenceBertConfiguration.self, from: Data(contentsOf: file))
                    .maxSeqLength
            } catch {
                throw EmbeddingError(.modelFileUnreadable, "\(file.path): no usable max_seq_length: \(error)")
            }
        }
        guard length >= 2 else {
            throw EmbeddingError(.unsupportedModel, "\(file.path): max_seq_length \(length) leaves no room for text")
        }
        return min(length, configuration.maxPositionEmbeddings)
    }
}

/// Hands out pass indices to worker threads, each once.
private final class PassCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard next < limit else { return nil }
            defer { next += 1 }
            return next
        }
    }
}

/// The vectors of every pass, each stored at its sequences' original positions.
private final class PassResults: @unchecked Sendable {
    private let lock = NSLock()
    private var vectors: [[Float]]
    init(count: Int) { vectors = Array(repeating: [], count: count) }
    func store(_ pass: [[Float]], at indices: [Int]) {
        lock.withLock { for (vector, index) in zip(pass, indices) { vectors[index] = vector } }
    }
    func values() -> [[Float]] { lock.withLock { vectors } }
}
