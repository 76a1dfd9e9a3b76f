/// The segment format for streams: frames back to back, each a 4-byte big-endian length N
/// followed by N bytes of MessagePack (one batch). No header: a segment is sealed by the rename
/// that publishes it, so a complete file is a whole number of frames.
public enum SegmentFrames {
    public static let prefixBytes = 4

    /// One frame's place in the segment.
    public struct Frame: Sendable, Equatable {
        /// 1-based.
        public let number: Int
        /// Where the frame's length prefix starts.
        public let offset: Int
        /// The MessagePack bytes.
        public let range: Range<Int>
    }

    /// `payload` as one frame.
    public static func frame(_ payload: [UInt8]) -> [UInt8] {
        precondition(payload.count <= Int(UInt32.max), "a frame holds at most 4 GiB")
        let length = UInt32(payload.count)
        return [UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)]
            + payload
    }

    /// The frames of `bytes` in order, and the failure that ends them early, if any: a length
    /// prefix cut short, zero, or pointing past the end (frames before it are whole and usable).
    public static func split(_ bytes: [UInt8]) -> (frames: [Frame], failure: SpoolFailure?) {
        var frames: [Frame] = []
        var offset = 0
        while offset < bytes.count {
            let number = frames.count + 1
            guard bytes.count - offset >= prefixBytes else {
                return (
                    frames,
                    SpoolFailure(
                        .frameLength,
                        "the file ends \(bytes.count - offset) bytes into frame \(number)'s 4-byte length prefix",
                        byteOffset: offset, frame: number)
                )
            }
            let length = bytes[offset..<(offset + prefixBytes)].reduce(0) { $0 << 8 | Int($1) }
            let start = offset + prefixBytes
            guard length > 0 else {
                return (
                    frames,
                    SpoolFailure(.frameLength, "frame \(number) has length 0", byteOffset: offset, frame: number)
                )
            }
            guard length <= bytes.count - start else {
                return (
                    frames,
                    SpoolFailure(
                        .frameLength,
                        "frame \(number) says \(length) bytes but only \(bytes.count - start) remain in the file",
                        byteOffset: offset, frame: number)
                )
            }
            frames.append(Frame(number: number, offset: offset, range: start..<(start + length)))
            offset = start + length
        }
        return (frames, nil)
    }
}
