import Foundation

/// The parts of a Hugging Face `tokenizer.json` a BERT WordPiece tokenizer needs; anything else
/// (another normalizer, pre-tokenizer or model type) is refused rather than tokenized wrongly.
struct TokenizerDefinition: Decodable {
    struct Normalizer: Decodable {
        let type: String
        let cleanText: Bool?
        let handleChineseChars: Bool?
        let stripAccents: Bool?
        let lowercase: Bool?
        enum CodingKeys: String, CodingKey {
            case type, lowercase
            case cleanText = "clean_text"
            case handleChineseChars = "handle_chinese_chars"
            case stripAccents = "strip_accents"
        }
    }
    struct PreTokenizer: Decodable { let type: String }
    struct Model: Decodable {
        let type: String
        let unkToken: String
        let continuingSubwordPrefix: String?
        let maxInputCharsPerWord: Int?
        let vocab: [String: Int32]
        enum CodingKeys: String, CodingKey {
            case type, vocab
            case unkToken = "unk_token"
            case continuingSubwordPrefix = "continuing_subword_prefix"
            case maxInputCharsPerWord = "max_input_chars_per_word"
        }
    }
    struct AddedToken: Decodable {
        let id: Int32
        let content: String
        let normalized: Bool
    }

    let normalizer: Normalizer
    let preTokenizer: PreTokenizer
    let model: Model
    let addedTokens: [AddedToken]

    enum CodingKeys: String, CodingKey {
        case normalizer, model
        case preTokenizer = "pre_tokenizer"
        case addedTokens = "added_tokens"
    }

    static func load(_ file: URL) throws -> TokenizerDefinition {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw EmbeddingError(.modelFileUnreadable, "\(file.path): cannot be read: \(error.localizedDescription)")
        }
        let definition: TokenizerDefinition
        do { definition = try JSONDecoder().decode(TokenizerDefinition.self, from: data) } catch {
            throw EmbeddingError(
                .modelFileUnreadable, "\(file.path): not a tokenizer definition this encoder reads: \(error)")
        }
        let kinds = (definition.normalizer.type, definition.preTokenizer.type, definition.model.type)
        guard kinds == ("BertNormalizer", "BertPreTokenizer", "WordPiece") else {
            throw EmbeddingError(
                .unsupportedModel,
                "\(file.path): tokenizer is \(kinds.0) + \(kinds.1) + \(kinds.2); only BertNormalizer + BertPreTokenizer + WordPiece is supported"
            )
        }
        return definition
    }
}
