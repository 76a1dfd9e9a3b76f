import ZenGlowIngest

/// One batch read from a spool file: the batch (its tenant named by the file) and where it was.
public struct SpoolBatch: Sendable {
    public var batch: IngestBatch
    /// 1-based frame of a segment; 1 for a one-batch file.
    public var frame: Int
    /// Where the frame starts in the (decompressed) file.
    public var byteOffset: Int
}
