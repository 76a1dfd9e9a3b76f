import Foundation
import ZenGlowIngest

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a spool file into batches, bounded at every step: the file's size, the decompressed size
/// (a zstd bomb is refused while it expands, never expanded whole), MessagePack nesting and
/// lengths. A bad frame of a segment does not spoil the good ones: they come back as batches and
/// the bad one as a failure.
public struct SpoolFileReader: Sendable {
    public var maxFileBytes: Int
    public var maxDecompressedBytes: Int

    public init(maxFileBytes: Int = 256 << 20, maxDecompressedBytes: Int = 1 << 30) {
        self.maxFileBytes = maxFileBytes
        self.maxDecompressedBytes = maxDecompressedBytes
    }

    /// What one file held.
    public struct Contents: Sendable {
        public var batches: [SpoolBatch]
        /// Frames (or the whole file) that could not be read, in file order.
        public var failures: [SpoolFailure]
        /// The (decompressed) size in bytes.
        public var bytes: Int
    }

    public func read(path: String, kind: SpoolFileKind) throws(SpoolFailure) -> Contents {
        let raw = try readFile(path)
        var bytes = raw
        if kind.isCompressed {
            do {
                bytes = try Zstd.decompress(raw, limit: maxDecompressedBytes)
            } catch let error as IngestError where error.code == .decompressedTooLarge {
                throw SpoolFailure(
                    .zstdBomb,
                    "the zstd data expands past SPOOL_MAX_DECOMPRESSED_BYTES (\(maxDecompressedBytes) bytes); refused, not expanded"
                )
            } catch {
                throw SpoolFailure(.corruptZstd, "not a complete zstd stream: \(error)")
            }
        }
        return decode(bytes, kind: kind)
    }

    /// Decodes bytes already read (and decompressed).
    public func decode(_ bytes: [UInt8], kind: SpoolFileKind) -> Contents {
        var contents = Contents(batches: [], failures: [], bytes: bytes.count)
        switch kind {
        case .batch:
            switch decodeFrame(bytes[...], number: 1, offset: 0, inSegment: false) {
            case .success(let batch): contents.batches.append(batch)
            case .failure(let failure): contents.failures.append(failure)
            }
        case .segment:
            let (frames, failure) = SegmentFrames.split(bytes)
            for frame in frames {
                switch decodeFrame(bytes[frame.range], number: frame.number, offset: frame.offset, inSegment: true) {
                case .success(let batch): contents.batches.append(batch)
                case .failure(let failure): contents.failures.append(failure)
                }
            }
            if let failure { contents.failures.append(failure) }
            if frames.isEmpty && failure == nil {
                contents.failures.append(SpoolFailure(.frameLength, "the segment holds no frames", byteOffset: 0))
            }
        }
        return contents
    }

    /// A one-batch file's failures name no frame, and a structural one no byte offset (the field
    /// path says where); a segment's name the frame and where it starts.
    private func decodeFrame(_ bytes: ArraySlice<UInt8>, number: Int, offset: Int, inSegment: Bool)
        -> Result<SpoolBatch, SpoolFailure>
    {
        // Slices keep the file's indices: the payload's first byte is its offset in the file.
        let payloadOffset = bytes.startIndex
        let value: MessagePackValue
        do {
            value = try MessagePackDecoder().decode(Array(bytes))
        } catch let error as MessagePackDecoder.DecodingError {
            let code: SpoolFailureCode =
                switch error.kind {
                case .truncated: .truncated
                case .invalidUTF8: .invalidUTF8
                case .tooDeep: .tooDeep
                case .trailingBytes, .unsupportedType: .invalidMsgpack
                }
            return .failure(
                SpoolFailure(
                    code, error.reason, byteOffset: payloadOffset + error.offset, frame: inSegment ? number : nil))
        } catch {
            return .failure(
                SpoolFailure(.invalidMsgpack, "\(error)", byteOffset: payloadOffset, frame: inSegment ? number : nil))
        }
        do {
            let batch = try SpoolBatchReader().batch(from: value)
            return .success(SpoolBatch(batch: batch, frame: number, byteOffset: offset))
        } catch {
            var failure = error
            if inSegment {
                failure.frame = number
                failure.byteOffset = failure.byteOffset ?? offset
            }
            return .failure(failure)
        }
    }

    private func readFile(_ path: String) throws(SpoolFailure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SpoolFailure(.unreadable, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw SpoolFailure(.unreadable, "cannot stat \(path): \(String(cString: strerror(errno)))")
        }
        let size = Int(status.st_size)
        guard size <= maxFileBytes else {
            throw SpoolFailure(
                .tooLarge, "the file is \(size) bytes; SPOOL_MAX_FILE_BYTES allows \(maxFileBytes)")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let count = bytes.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + done, size - done, off_t(done))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw SpoolFailure(
                    .truncated, "the file ended after \(done) of \(size) bytes while reading", byteOffset: done)
            }
            done += count
        }
        return bytes
    }
}
