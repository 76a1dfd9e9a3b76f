import Foundation

/// The shape of a BERT encoder, from the model's `config.json`.
struct BertConfiguration: Decodable, Sendable {
    let modelType: String
    let hiddenSize: Int
    let numHiddenLayers: Int
    let numAttentionHeads: Int
    let intermediateSize: Int
    let hiddenAct: String
    let layerNormEps: Float
    let vocabSize: Int
    let maxPositionEmbeddings: Int
    let typeVocabSize: Int

    enum CodingKeys: String, CodingKey {
        case modelType = "model_type"
        case hiddenSize = "hidden_size"
        case numHiddenLayers = "num_hidden_layers"
        case numAttentionHeads = "num_attention_heads"
        case intermediateSize = "intermediate_size"
        case hiddenAct = "hidden_act"
        case layerNormEps = "layer_norm_eps"
        case vocabSize = "vocab_size"
        case maxPositionEmbeddings = "max_position_embeddings"
        case typeVocabSize = "type_vocab_size"
    }

    var headSize: Int { hiddenSize / numAttentionHeads }

    static func load(_ file: URL) throws -> BertConfiguration {
        let configuration: BertConfiguration
        do {
            configuration = try JSONDecoder().decode(BertConfiguration.self, from: try Data(contentsOf: file))
        } catch let error as DecodingError {
            throw EmbeddingError(.modelFileUnreadable, "\(file.path): not a BERT configuration: \(error)")
        } catch {
            throw EmbeddingError(.modelFileUnreadable, "\(file.path): cannot be read: \(error.localizedDescription)")
        }
        guard configuration.modelType == "bert", configuration.hiddenAct == "gelu" else {
            throw EmbeddingError(
                .unsupportedModel,
                "\(file.path): model_type \(configuration.modelType) with \(configuration.hiddenAct); only bert with exact gelu is supported"
            )
        }
        guard configuration.hiddenSize > 0, configuration.numAttentionHeads > 0,
            configuration.hiddenSize % configuration.numAttentionHeads == 0, configuration.numHiddenLayers > 0,
            configuration.intermediateSize > 0, configuration.maxPositionEmbeddings > 2
        else {
            throw EmbeddingError(.unsupportedModel, "\(file.path): inconsistent sizes (hidden, heads, layers)")
        }
        return configuration
    }
}
