import ZenGlowIngest

/// What became of one claimed file.
public struct SpoolFileOutcome: Sendable {
    public enum Disposition: Sendable, Equatable {
        /// Every batch loaded (or had been loaded before): in `archive/`.
        case archived
        /// In `failed/`, with `NAME.reason.json`; batches that were good loaded all the same.
        case failed
        /// A transient failure: back in `incoming/` until its back-off ends.
        case retried
    }

    public let file: String
    /// Its name in the folder it went to (a variant when the name was taken there).
    public let finalName: String
    public let disposition: Disposition
    public let batches: [LoadedBatch]
    /// Permanent failures (a whole-file failure, or bad frames), in file order.
    public let failures: [SpoolFailure]
    /// The transient failure that put the file back.
    public let transient: SpoolFailure?
    public let attempt: Int
}

/// A batch of a file that loaded.
public struct LoadedBatch: Sendable {
    public let frame: Int
    public let tenant: String
    public let result: BatchLoadResult
    public let tag: String
    /// Its load had to create the chunk partition, recorded now (not by an earlier attempt).
    public let healed: Bool
}
