import Foundation
import ZenGlowIngest

#if canImport(Glibc)
    import Glibc
#endif

/// `zenglow spool append --stream NAME`: appends batches as frames to an open segment, hidden in
/// `incoming/` as `.NAME-….segment.open` (never claimed), and seals it — fsync, rename to
/// `NAME-<time>-<n>.segment` — when it reaches the size or age limit, and when the stream ends.
/// Each frame is fsynced as it is written, so a sealed segment holds every batch appended to it.
public actor SegmentAppender {
    public let directory: SpoolDirectory
    public let stream: String
    public let maxBytes: Int
    public let maxAge: Duration

    private var descriptor: Int32 = -1
    private var openPath = ""
    private var openedAt = ContinuousClock.now
    private var bytes = 0
    private var frames = 0
    private var sequence = 0
    /// Names of the segments sealed so far, oldest first.
    public private(set) var sealed: [String] = []

    public init(directory: SpoolDirectory, stream: String, maxBytes: Int, maxAge: Duration) throws {
        guard !stream.isEmpty, stream.count <= 100,
            stream.unicodeScalars.allSatisfy({
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0))
            }),
            !stream.hasPrefix(".")
        else {
            throw SpoolError("--stream must be 1 to 100 letters, digits, '.', '_' or '-', not starting with '.'")
        }
        self.directory = directory
        self.stream = stream
        self.maxBytes = maxBytes
        self.maxAge = maxAge
    }

    /// Appends one batch (MessagePack bytes, already checked) as a frame; seals first when the frame
    /// would take the segment past its size limit, and after when it has reached its age.
    public func append(_ payload: [UInt8]) throws {
        let frame = SegmentFrames.frame(payload)
        if descriptor >= 0 && bytes + frame.count > maxBytes { try seal() }
        if descriptor < 0 { try openSegment() }
        var written = 0
        while written < frame.count {
            let count = frame.withUnsafeBytes {
                Glibc.write(descriptor, $0.baseAddress! + written, frame.count - written)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw SpoolError("cannot write \(openPath): \(String(cString: strerror(errno)))") }
            written += count
        }
        guard fsync(descriptor) == 0 else {
            throw SpoolError("cannot fsync \(openPath): \(String(cString: strerror(errno)))")
        }
        bytes += frame.count
        frames += 1
        if ContinuousClock.now - openedAt >= maxAge { try seal() }
    }

    /// Seals the open segment if it is older than the age limit (the timer's call).
    public func sealIfDue() throws {
        if descriptor >= 0 && ContinuousClock.now - openedAt >= maxAge { try seal() }
    }

    /// Seals the open segment, if any: renamed into `incoming/` for the worker.
    public func seal() throws {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        defer { bytes = 0 }
        guard frames > 0 else {
            unlink(openPath)
            return
        }
        frames = 0
        let stamp = Int(Date().timeIntervalSince1970 * 1000)
        let name = "\(stream)-\(stamp)-\(getpid())-\(sequence).segment"
        guard let published = try FileMove.rename(openPath, into: directory.path(.incoming), name: name) else {
            throw SpoolError("\(openPath) vanished before it was sealed")
        }
        FileMove.syncDirectory(directory.path(.incoming))
        sealed.append(published)
    }

    /// Seals this stream's segments left open by appenders that died (their pid is gone), cut
    /// back to their last whole frame; returns their names. Run before appending.
    public func recoverAbandoned() throws -> [String] {
        let incoming = directory.path(.incoming)
        let prefix = ".\(stream)-"
        var recovered: [String] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: incoming)) ?? []
        where name.hasPrefix(prefix) && name.hasSuffix(".segment.open") {
            let fields = name.dropFirst(prefix.count).split(separator: "-")
            guard fields.count == 2, let pid = pid_t(fields[0]), kill(pid, 0) != 0 && errno == ESRCH else { continue }
            let path = "\(incoming)/\(name)"
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let (frames, _) = SegmentFrames.split(Array(data))
            guard let last = frames.last else {
                unlink(path)
                continue
            }
            truncate(path, off_t(last.range.upperBound))
            let sealedName =
                "\(stream)-\(Int(Date().timeIntervalSince1970 * 1000))-\(pid)-\(fields[1].split(separator: ".")[0]).segment"
            if let published = try FileMove.rename(path, into: incoming, name: sealedName) {
                recovered.append(published)
            }
        }
        if !recovered.isEmpty { FileMove.syncDirectory(incoming) }
        return recovered
    }

    private func openSegment() throws {
        sequence += 1
        openPath = directory.path(.incoming) + "/.\(stream)-\(getpid())-\(sequence).segment.open"
        descriptor = open(openPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_APPEND, 0o640)
        guard descriptor >= 0 else {
            throw SpoolError("cannot create \(openPath): \(String(cString: strerror(errno)))")
        }
        openedAt = .now
        bytes = 0
        frames = 0
    }
}
