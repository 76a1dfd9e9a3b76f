import NIOCore

extension IngestBatch {
    /// The batch's loadable rows in COPY's text format, exactly as the loader streamed them into
    /// zg_staging before the binary format (for benchmarks that compare the loader with a plain
    /// COPY of the same rows).
    public func stagingCopyText(dimension: Int) -> ByteBuffer {
        var buffer = ByteBuffer()
        for row in BatchValidation(batch: self, dimension: dimension).rows { row.write(into: &buffer) }
        return buffer
    }

    /// The batch's loadable rows in COPY's binary format, exactly as the loader streams them into
    /// zg_staging: the tuples only, without the header and trailer (`stagingCopyBinaryHeader`,
    /// `stagingCopyBinaryTrailer`), so that several batches make one stream.
    public func stagingCopyBinaryTuples(dimension: Int) -> ByteBuffer {
        var buffer = ByteBuffer()
        for row in BatchValidation(batch: self, dimension: dimension).rows { row.writeBinary(into: &buffer) }
        return buffer
    }

    /// The bytes that open a binary COPY stream.
    public static var stagingCopyBinaryHeader: [UInt8] { StagingRow.binaryHeader }
    /// The bytes that end a binary COPY stream.
    public static var stagingCopyBinaryTrailer: [UInt8] { StagingRow.binaryTrailer }
}
