import Logging
import ZenGlowIngest

/// The demo corpus's stand-in embedder (`EMBED_PROVIDER=hashing`, dev profile only): the same
/// feature hashing the seeded chunks were embedded with, computed in-process.
public struct HashingQueryEmbedder: QueryEmbedder {
    public init() {}

    public func embed(_ text: String, logger: Logger) async throws -> [Float] {
        HashingEmbedding.embed(text)
    }
}
