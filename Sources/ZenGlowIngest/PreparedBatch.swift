/// A batch whose text-only chunks are embedded, ready for `BatchLoader.load`.
public struct PreparedBatch: Sendable {
    public let batch: IngestBatch
    /// The content hash of the batch as it was received, before embedding.
    public let contentHash: String
    /// How many chunks the loader embedded.
    public let embedded: Int
}
