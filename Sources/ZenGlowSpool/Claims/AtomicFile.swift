import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a file whole or not at all: a hidden temporary name beside the target, fsync, rename,
/// then fsync of the folder, so that a crash leaves the old file or the new one, never half.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o640) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = "\(folder)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        try writeSynced(bytes, to: temporary, mode: mode)
        guard Glibc.rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SpoolError("cannot rename \(temporary) to \(path): \(reason)")
        }
        FileMove.syncDirectory(folder)
    }

    /// Creates `path` (which must not exist), writes `bytes` and fsyncs it.
    static func writeSynced(_ bytes: [UInt8], to path: String, mode: mode_t) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw SpoolError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.write(descriptor, $0.baseAddress! + written, bytes.count - written)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw SpoolError("cannot write \(path): \(reason)")
            }
            written += count
        }
        guard fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw SpoolError("cannot fsync \(path): \(reason)")
        }
    }
}
