/// What a run did, in numbers, as a `gate.open` (files and batches found so far) or `gate.done`
/// (everything) carries it. JSON keys are snake_case.
public struct GateCounts: Sendable, Codable, Equatable {
    /// Files the run claimed.
    public var files: Int
    /// Batches (a plain file is one, a segment one per frame) the run decoded.
    public var batches: Int
    /// Chunks the loader stored.
    public var chunksAccepted: Int
    /// Chunks the loader refused (by its row-level reason codes).
    public var chunksRejected: Int
    /// Chunks that arrived without a vector and were embedded by the worker.
    public var embedded: Int
    /// Files that went to `failed/`.
    public var filesFailed: Int
    /// Files put back to `incoming/` to be retried after a transient failure.
    public var filesRetried: Int

    public init(
        files: Int = 0, batches: Int = 0, chunksAccepted: Int = 0, chunksRejected: Int = 0, embedded: Int = 0,
        filesFailed: Int = 0, filesRetried: Int = 0
    ) {
        self.files = files
        self.batches = batches
        self.chunksAccepted = chunksAccepted
        self.chunksRejected = chunksRejected
        self.embedded = embedded
        self.filesFailed = filesFailed
        self.filesRetried = filesRetried
    }

    enum CodingKeys: String, CodingKey {
        case files, batches, embedded
        case chunksAccepted = "chunks_accepted"
        case chunksRejected = "chunks_rejected"
        case filesFailed = "files_failed"
        case filesRetried = "files_retried"
    }
}
