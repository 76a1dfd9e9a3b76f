/// Turns texts into embeddings of one model: the local encoder, or an OpenAI-compatible server.
public protocol TextEmbedder: Sendable {
    /// The model's name as the model registry knows it (`all-MiniLM-L6-v2`).
    var model: String { get }
    /// The width of every vector this embedder returns.
    var dimensions: Int { get }
    /// One vector per text, in order; throws `EmbeddingError` when the embedder cannot answer.
    func embed(_ texts: [String]) async throws -> [[Float]]
}
