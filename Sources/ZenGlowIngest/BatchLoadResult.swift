/// What loading a batch did, from its manifest.
public struct BatchLoadResult: Sendable, Equatable {
    public let batchID: Int64
    /// `done`, `healed` (its partition had to be created), or the state of a re-submitted batch.
    public let state: String
    public let accepted: Int64
    public let rejected: Int64
    /// Chunks that came as text only and the loader embedded.
    public let embedded: Int64
    /// True when the same content had already been loaded: nothing changed.
    public let resubmitted: Bool
    /// Chunks of earlier versions of this batch's documents that the new ones replaced.
    public let replacedChunks: Int64
    /// The rows refused before loading, each with its row number and reason.
    public let rejections: [BatchRejection]
}
