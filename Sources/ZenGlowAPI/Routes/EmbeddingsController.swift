import Hummingbird
import ZenGlowEmbedding

/// `POST /v1/embeddings` (scope embed): the configured embedder behind OpenAI's embeddings API,
/// so that OpenAI clients, and another ZenGlow instance's `openai` provider, can use it.
struct EmbeddingsController {
    let services: APIServices

    func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try context.principal(requiring: .embed)
        guard let embedder = services.embedder else {
            throw APIError(
                .serviceUnavailable, .embedderUnavailable, "this server has no embedder (EMBED_PROVIDER=none)")
        }
        let body = try await request.decode(
            EmbeddingsRequest.self, limit: services.configuration.queryMaxBodyBytes, context: context)
        if let model = body.model, model != embedder.model {
            throw APIError(
                .badRequest, .invalidRequest,
                "field 'model' names '\(model)'; this server embeds with \(embedder.model)")
        }
        let started = ContinuousClock.now
        let vectors: [[Float]]
        do {
            vectors = try await embedder.embedInSpan(body.input)
        } catch {
            // The detail (an endpoint, a status) is for the operator's log, not the client.
            context.logger.warning("embedder unavailable", metadata: ["zg.error": "\(error)"])
            throw APIError(.serviceUnavailable, .embedderUnavailable, "the embedder could not answer; retry later")
        }
        services.metrics.stage(.embed, seconds: ContinuousClock.now.milliseconds(since: started) / 1000)
        // Only the local model's tokenizer is at hand; a remote embedder's count is not known here.
        let tokens = (embedder as? LocalEmbedder)?.tokenCount(body.input) ?? 0
        return try Response.json(
            encoding: EmbeddingsResponse(
                data: vectors.enumerated().map {
                    EmbeddingsResponse.Item(index: $0.offset, embedding: .init($0.element, format: body.encodingFormat))
                },
                model: embedder.model, usage: .init(promptTokens: tokens, totalTokens: tokens)))
    }
}
