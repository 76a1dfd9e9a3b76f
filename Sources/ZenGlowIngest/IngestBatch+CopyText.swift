import NIOCore

extension IngestBatch {
    /// The batch's loadable rows in COPY's text format, exactly as the loader streams them into
    /// zg_staging (for benchmarks that compare the loader with a plain COPY of the same rows).
    public func stagingCopyText(dimension: Int) -> ByteBuffer {
        var buffer = ByteBuffer()
        for row in BatchValidation(batch: self, dimension: dimension).rows { row.write(into: &buffer) }
        return buffer
    }
}
