/// What a spool file holds, from its name.
public enum SpoolFileKind: Sendable, Equatable {
    /// `NAME.msgpack` (`.zst`): one batch.
    case batch(compressed: Bool)
    /// `NAME.segment` (`.zst`): length-prefixed frames, one batch each (``SegmentFrames``).
    case segment(compressed: Bool)

    /// Suffixes of files a writer has not finished: never claimed (nor are hidden names).
    static let incompleteSuffixes = [".tmp", ".part", ".partial", ".open", "~"]

    public enum Recognition: Sendable, Equatable {
        case spoolFile(SpoolFileKind)
        /// Hidden or unfinished: not the worker's to touch.
        case notReady
        case unknown
    }

    public static func recognize(_ name: String) -> Recognition {
        if name.hasPrefix(".") || incompleteSuffixes.contains(where: name.hasSuffix) { return .notReady }
        if name.hasSuffix(".msgpack") { return .spoolFile(.batch(compressed: false)) }
        if name.hasSuffix(".msgpack.zst") { return .spoolFile(.batch(compressed: true)) }
        if name.hasSuffix(".segment") { return .spoolFile(.segment(compressed: false)) }
        if name.hasSuffix(".segment.zst") { return .spoolFile(.segment(compressed: true)) }
        return .unknown
    }

    public var isCompressed: Bool {
        switch self {
        case .batch(let compressed), .segment(let compressed): compressed
        }
    }
}
