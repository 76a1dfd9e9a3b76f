import CBLAS
import CZenGlowKernels

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The BERT forward pass with mean pooling and L2 normalisation, on sequences packed end to end:
/// every row-wise step (projections, feed-forward, layer norms) runs on all tokens of a batch as
/// one matrix product, and attention runs per sequence over its own tokens only, so a batch
/// carries no padding at all and a short text costs what it would alone.
struct BertEncoder: Sendable {
    let configuration: BertConfiguration
    let weights: BertWeights

    /// One L2-normalised embedding per sequence, in order; each sequence is non-empty and no
    /// longer than `max_position_embeddings`. Runs on the calling thread.
    func encode(_ sequences: [[Int32]]) -> [[Float]] {
        let hidden = configuration.hiddenSize
        let inner = configuration.intermediateSize
        let total = sequences.reduce(0) { $0 + $1.count }
        let longest = sequences.map(\.count).max() ?? 0
        guard total > 0 else { return [] }

        let state = Scratch(count: total * hidden)
        let projections = Scratch(count: total * 3 * hidden)
        let context = Scratch(count: total * hidden)
        let residual = Scratch(count: total * hidden)
        let expanded = Scratch(count: total * inner)
        let scores = Scratch(count: longest * longest)
        defer { [state, projections, context, residual, expanded, scores].forEach { $0.free() } }

        embed(sequences, into: state.pointer)
        for layer in weights.layers {
            // Self-attention: one product for queries, keys and values of every token.
            broadcast(layer.queryKeyValueBias, rows: total, into: projections.pointer)
            multiply(
                state.pointer, rows: total, inner: hidden, by: layer.queryKeyValue, outputs: 3 * hidden,
                into: projections.pointer)
            attend(sequences, projections: projections.pointer, scores: scores.pointer, into: context.pointer)
            residual.pointer.update(from: state.pointer, count: total * hidden)
            multiply(
                context.pointer, rows: total, inner: hidden, by: layer.attentionOutput, outputs: hidden,
                into: residual.pointer)
            normalize(
                residual.pointer, rows: total, bias: layer.attentionOutputBias, scale: layer.attentionNormScale,
                shift: layer.attentionNormShift, into: state.pointer)
            // Feed-forward with exact GELU.
            broadcast(layer.intermediateBias, rows: total, into: expanded.pointer)
            multiply(
                state.pointer, rows: total, inner: hidden, by: layer.intermediate, outputs: inner,
                into: expanded.pointer)
            GELU.apply(expanded.pointer, count: total * inner)
            residual.pointer.update(from: state.pointer, count: total * hidden)
            multiply(
                expanded.pointer, rows: total, inner: inner, by: layer.output, outputs: hidden, into: residual.pointer)
            normalize(
                residual.pointer, rows: total, bias: layer.outputBias, scale: layer.outputNormScale,
                shift: layer.outputNormShift, into: state.pointer)
        }
        return pool(sequences, state.pointer)
    }

    /// Word + position + token-type (always type 0) embeddings, layer-normalised.
    private func embed(_ sequences: [[Int32]], into output: UnsafeMutablePointer<Float>) {
        let hidden = configuration.hiddenSize
        let words = weights.wordEmbeddings.baseAddress!
        let positions = weights.positionEmbeddings.baseAddress!
        let type0 = weights.tokenTypeEmbeddings.baseAddress!
        var row = 0
        for sequence in sequences {
            for (position, id) in sequence.enumerated() {
                let word = words + Int(id) * hidden
                let place = positions + position * hidden
                let target = output + row * hidden
                for i in 0..<hidden { target[i] = word[i] + place[i] + type0[i] }
                row += 1
            }
        }
        normalize(
            output, rows: row, bias: nil, scale: weights.embeddingNormScale, shift: weights.embeddingNormShift,
            into: output)
    }

    /// Scaled dot-product attention per sequence and head, reading queries, keys and values from
    /// the packed projections (row stride 3 × hidden) and writing each head's slice of `output`.
    private func attend(
        _ sequences: [[Int32]], projections: UnsafeMutablePointer<Float>, scores: UnsafeMutablePointer<Float>,
        into output: UnsafeMutablePointer<Float>
    ) {
        let hidden = configuration.hiddenSize
        let heads = configuration.numAttentionHeads
        let size = configuration.headSize
        let stride = 3 * hidden
        let scale = 1 / Float(size).squareRoot()
        var start = 0
        for sequence in sequences {
            let n = sequence.count
            let rows = projections + start * stride
            for head in 0..<heads {
                let query = rows + head * size
                let key = rows + hidden + head * size
                let value = rows + 2 * hidden + head * size
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(n), Int32(size), scale, query,
                    Int32(stride), key, Int32(stride), 0, scores, Int32(n))
                Softmax.rows(scores, rows: n, columns: n)
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(size), Int32(n), 1, scores, Int32(n),
                    value, Int32(stride), 0, output + start * hidden + head * size, Int32(hidden))
            }
            start += n
        }
    }

    /// Up to this many rows (a short query), products skip BLAS: packing the weights, which BLAS
    /// does on every call, costs more than the product itself.
    static let smallProductRows = 32
    static let smallProductAvailable = zg_small_matmul_available() != 0

    /// `output += input × weightᵀ`, where `weight` is PyTorch's [outputs, inner] row-major layout.
    private func multiply(
        _ input: UnsafeMutablePointer<Float>, rows: Int, inner: Int, by weight: UnsafeBufferPointer<Float>,
        outputs: Int, into output: UnsafeMutablePointer<Float>
    ) {
        if rows <= Self.smallProductRows && Self.smallProductAvailable {
            zg_small_matmul_accumulate(
                Int32(rows), Int32(outputs), Int32(inner), input, weight.baseAddress, output, Int32(outputs))
            return
        }
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outputs), Int32(inner), 1, input,
            Int32(inner), weight.baseAddress, Int32(inner), 1, output, Int32(outputs))
    }

    private func broadcast(_ bias: UnsafeBufferPointer<Float>, rows: Int, into output: UnsafeMutablePointer<Float>) {
        for row in 0..<rows { (output + row * bias.count).update(from: bias.baseAddress!, count: bias.count) }
    }

    /// LayerNorm of each row of `input` (+ `bias`), ε from the configuration.
    private func normalize(
        _ input: UnsafeMutablePointer<Float>, rows: Int, bias: UnsafeBufferPointer<Float>?,
        scale: UnsafeBufferPointer<Float>, shift: UnsafeBufferPointer<Float>, into output: UnsafeMutablePointer<Float>
    ) {
        let width = scale.count
        let epsilon = configuration.layerNormEps
        for row in 0..<rows {
            let x = input + row * width
            if let bias { for i in 0..<width { x[i] += bias[i] } }
            var sum: Float = 0
            for i in 0..<width { sum += x[i] }
            let mean = sum / Float(width)
            var squares: Float = 0
            for i in 0..<width {
                let d = x[i] - mean
                squares += d * d
            }
            let inverse = 1 / (squares / Float(width) + epsilon).squareRoot()
            let y = output + row * width
            for i in 0..<width { y[i] = (x[i] - mean) * inverse * scale[i] + shift[i] }
        }
    }

    /// The mean of each sequence's token states, scaled to unit length.
    private func pool(_ sequences: [[Int32]], _ state: UnsafeMutablePointer<Float>) -> [[Float]] {
        let hidden = configuration.hiddenSize
        var start = 0
        return sequences.map { sequence in
            var mean = [Float](repeating: 0, count: hidden)
            for row in start..<(start + sequence.count) {
                let x = state + row * hidden
                for i in 0..<hidden { mean[i] += x[i] }
            }
            start += sequence.count
            var norm: Float = 0
            for i in 0..<hidden {
                mean[i] /= Float(sequence.count)
                norm += mean[i] * mean[i]
            }
            let inverse = 1 / max(norm.squareRoot(), 1e-12)
            for i in 0..<hidden { mean[i] *= inverse }
            return mean
        }
    }
}

/// A float buffer for one forward pass, freed by its caller.
private struct Scratch {
    let pointer: UnsafeMutablePointer<Float>
    init(count: Int) { pointer = .allocate(capacity: max(count, 1)) }
    func free() { pointer.deallocate() }
}
