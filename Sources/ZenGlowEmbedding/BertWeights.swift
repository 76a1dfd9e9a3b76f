/// The tensors of a BERT encoder, used in place from the memory-mapped safetensors file except
/// the query, key and value projections, which are packed into one matrix per layer so a
/// layer's projections are one matrix product.
struct BertWeights: @unchecked Sendable {
    // Immutable after init; the packed buffers are freed by `PackedProjections`' owner below.
    struct Layer {
        let queryKeyValue: UnsafeBufferPointer<Float>
        let queryKeyValueBias: UnsafeBufferPointer<Float>
        let attentionOutput: UnsafeBufferPointer<Float>
        let attentionOutputBias: UnsafeBufferPointer<Float>
        let attentionNormScale: UnsafeBufferPointer<Float>
        let attentionNormShift: UnsafeBufferPointer<Float>
        let intermediate: UnsafeBufferPointer<Float>
        let intermediateBias: UnsafeBufferPointer<Float>
        let output: UnsafeBufferPointer<Float>
        let outputBias: UnsafeBufferPointer<Float>
        let outputNormScale: UnsafeBufferPointer<Float>
        let outputNormShift: UnsafeBufferPointer<Float>
    }

    let wordEmbeddings: UnsafeBufferPointer<Float>
    let positionEmbeddings: UnsafeBufferPointer<Float>
    let tokenTypeEmbeddings: UnsafeBufferPointer<Float>
    let embeddingNormScale: UnsafeBufferPointer<Float>
    let embeddingNormShift: UnsafeBufferPointer<Float>
    let layers: [Layer]
    /// Keeps the mapping and the packed projections alive as long as the weights are.
    let storage: Storage

    final class Storage: @unchecked Sendable {
        let tensors: SafeTensors
        var packed: [UnsafeMutableBufferPointer<Float>] = []
        init(tensors: SafeTensors) { self.tensors = tensors }
        deinit { packed.forEach { $0.deallocate() } }
    }

    init(tensors: SafeTensors, configuration c: BertConfiguration) throws {
        let hidden = c.hiddenSize
        let storage = Storage(tensors: tensors)
        func tensor(_ name: String, _ shape: [Int]) throws -> UnsafeBufferPointer<Float> {
            try tensors.tensor(name, shape: shape).values
        }
        wordEmbeddings = try tensor("embeddings.word_embeddings.weight", [c.vocabSize, hidden])
        positionEmbeddings = try tensor("embeddings.position_embeddings.weight", [c.maxPositionEmbeddings, hidden])
        tokenTypeEmbeddings = try tensor("embeddings.token_type_embeddings.weight", [c.typeVocabSize, hidden])
        embeddingNormScale = try tensor("embeddings.LayerNorm.weight", [hidden])
        embeddingNormShift = try tensor("embeddings.LayerNorm.bias", [hidden])
        layers = try (0..<c.numHiddenLayers).map { index in
            let prefix = "encoder.layer.\(index)."
            func packed(_ kind: String, _ shape: [Int]) throws -> UnsafeBufferPointer<Float> {
                let parts = try ["query", "key", "value"].map {
                    try tensor(prefix + "attention.self.\($0).\(kind)", shape)
                }
                let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: parts.reduce(0) { $0 + $1.count })
                var offset = 0
                for part in parts {
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[offset..<(offset + part.count)]).initialize(
                        from: part)
                    offset += part.count
                }
                storage.packed.append(buffer)
                return UnsafeBufferPointer(buffer)
            }
            return Layer(
                queryKeyValue: try packed("weight", [hidden, hidden]),
                queryKeyValueBias: try packed("bias", [hidden]),
                attentionOutput: try tensor(prefix + "attention.output.dense.weight", [hidden, hidden]),
                attentionOutputBias: try tensor(prefix + "attention.output.dense.bias", [hidden]),
                attentionNormScale: try tensor(prefix + "attention.output.LayerNorm.weight", [hidden]),
                attentionNormShift: try tensor(prefix + "attention.output.LayerNorm.bias", [hidden]),
                intermediate: try tensor(prefix + "intermediate.dense.weight", [c.intermediateSize, hidden]),
                intermediateBias: try tensor(prefix + "intermediate.dense.bias", [c.intermediateSize]),
                output: try tensor(prefix + "output.dense.weight", [hidden, c.intermediateSize]),
                outputBias: try tensor(prefix + "output.dense.bias", [hidden]),
                outputNormScale: try tensor(prefix + "output.LayerNorm.weight", [hidden]),
                outputNormShift: try tensor(prefix + "output.LayerNorm.bias", [hidden]))
        }
        self.storage = storage
    }
}
