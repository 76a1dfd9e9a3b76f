import Foundation
import Logging
import ZenGlowEmbedding

extension APIConfiguration {
    /// The embedder `EMBED_PROVIDER` names, nil for `none`. The local model is loaded and checked
    /// here, so a missing file or a wrong checksum stops start-up with an `EmbeddingError`
    /// naming the file.
    func makeEmbedder(logger: Logger) throws -> (any TextEmbedder)? {
        switch embedProvider {
        case .none:
            return nil
        case .openai:
            guard let embedder else {
                throw EmbeddingError(.embedderUnavailable, "EMBED_PROVIDER=openai needs EMBED_BASE_URL")
            }
            return OpenAICompatibleEmbedder(configuration: embedder, logger: logger)
        case .local:
            let path = embedModelDirectory ?? LocalDefaults.projectModelDirectory
            let started = ContinuousClock.now
            let local = try LocalEmbedder(
                directory: ModelDirectory(url: URL(fileURLWithPath: path)), threads: embedThreads)
            logger.info(
                "embedding model loaded",
                metadata: [
                    "zg.model": .string(local.model), "zg.model.dir": .string(local.encoder.directory.url.path),
                    "zg.model.sha256": .string(local.encoder.weightsSHA256),
                    "zg.duration_ms": .stringConvertible(ContinuousClock.now.milliseconds(since: started)),
                ])
            return local
        }
    }
}
