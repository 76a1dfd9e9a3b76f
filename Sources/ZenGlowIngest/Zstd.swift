import CZstd

/// zstd compression for spool files, through libzstd.
public enum Zstd {
    /// Compresses `input` into one zstd frame (level 3 is zstd's own default: fast and compact).
    public static func compress(_ input: [UInt8], level: Int32 = 3) throws -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        var output = [UInt8](repeating: 0, count: bound)
        let written = output.withUnsafeMutableBytes { destination in
            input.withUnsafeBytes { source in
                ZSTD_compress(destination.baseAddress, bound, source.baseAddress, input.count, level)
            }
        }
        if ZSTD_isError(written) != 0 {
            throw IngestError(.compressionFailed, "zstd: \(String(cString: ZSTD_getErrorName(written)))")
        }
        output.removeSubrange(written...)
        return output
    }

    /// Decompresses every frame in `input`, refusing to expand past `limit` bytes.
    ///
    /// Streams rather than trusting the frame header's content size, which a hostile or truncated
    /// file can omit or misstate.
    public static func decompress(_ input: [UInt8], limit: Int = 1 << 30) throws -> [UInt8] {
        guard let stream = ZSTD_createDStream() else {
            throw IngestError(.corruptCompressedData, "zstd: cannot allocate a decompression stream")
        }
        defer { ZSTD_freeDStream(stream) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: ZSTD_DStreamOutSize())
        var lastHint = 0
        try input.withUnsafeBytes { source in
            var inBuffer = ZSTD_inBuffer(src: source.baseAddress, size: input.count, pos: 0)
            var produced = 0
            // zstd has flushed all it can only when it leaves room in the output chunk.
            repeat {
                let step = chunk.withUnsafeMutableBytes { destination in
                    var outBuffer = ZSTD_outBuffer(dst: destination.baseAddress, size: destination.count, pos: 0)
                    let hint = ZSTD_decompressStream(stream, &outBuffer, &inBuffer)
                    return (hint: hint, produced: outBuffer.pos)
                }
                if ZSTD_isError(step.hint) != 0 {
                    throw IngestError(.corruptCompressedData, "zstd: \(String(cString: ZSTD_getErrorName(step.hint)))")
                }
                guard result.count + step.produced <= limit else {
                    throw IngestError(.decompressedTooLarge, "zstd: data expands past the limit of \(limit) bytes")
                }
                result.append(contentsOf: chunk[0..<step.produced])
                produced = step.produced
                lastHint = step.hint
            } while inBuffer.pos < inBuffer.size || produced == chunk.count
        }
        // A non-zero hint after all input is consumed means the last frame was cut short.
        if lastHint != 0 || input.isEmpty {
            throw IngestError(.corruptCompressedData, "zstd: the data ends in the middle of a frame")
        }
        return result
    }
}
