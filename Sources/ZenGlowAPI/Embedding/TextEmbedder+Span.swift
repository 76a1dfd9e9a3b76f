import Tracing
import ZenGlowEmbedding

extension TextEmbedder {
    /// Embeds inside an `embed` span. ``OpenAICompatibleEmbedder`` opens its own (it knows the model
    /// and endpoint, and one span covers its retry); the in-process encoder gets one here, so a
    /// query's trace shows its embedding whichever provider answers.
    func embedInSpan(_ texts: [String]) async throws -> [[Float]] {
        if self is OpenAICompatibleEmbedder { return try await embed(texts) }
        return try await withSpan("embed") { span in
            span.attributes["zg.embed.provider"] = "local"
            span.attributes["zg.embed.inputs"] = texts.count
            return try await embed(texts)
        }
    }
}
