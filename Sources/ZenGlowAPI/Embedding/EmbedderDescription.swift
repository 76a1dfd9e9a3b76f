import ZenGlowEmbedding

/// What `/health/models` and readiness say about the configured embedder.
struct EmbedderDescription: Encodable, Sendable {
    /// `local`, `openai`, or `custom` for an embedder injected by a caller of `buildApplication`.
    let provider: String
    let model: String
    let dimensions: Int
    /// The local model's folder and the sha256 of its weights, as verified at load.
    var modelDirectory: String?
    var weightsSHA256: String?
    var threads: Int?
    /// The `openai` provider's endpoint.
    var endpoint: String?

    init(_ embedder: any TextEmbedder) {
        model = embedder.model
        dimensions = embedder.dimensions
        switch embedder {
        case let local as LocalEmbedder:
            provider = EmbedProvider.local.rawValue
            modelDirectory = local.encoder.directory.url.path
            weightsSHA256 = local.encoder.weightsSHA256
            threads = local.threads
        case let remote as OpenAICompatibleEmbedder:
            provider = EmbedProvider.openai.rawValue
            endpoint = remote.endpoint
        default:
            provider = "custom"
        }
    }

    /// `local all-MiniLM-L6-v2 (384 dimensions)`.
    var summary: String { "\(provider) \(model) (\(dimensions) dimensions)" }

    enum CodingKeys: String, CodingKey {
        case provider, model, dimensions, threads, endpoint
        case modelDirectory = "model_dir"
        case weightsSHA256 = "weights_sha256"
    }
}
