import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// File operations that survive a crash: a reader sees the old file or the whole new one, and a
/// rename that returned is still there after a power cut.
enum DurableFile {
    /// Creates `path` and any missing parents with mode 0700 (reports are the service user's).
    static func makeDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeDirectory(parent) }
        // EEXIST: another worker made it between the check and here.
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
            throw ReportError(.io, "cannot create the folder \(path): \(systemError())")
        }
    }

    /// Replaces `path` with `data`: written to a hidden temporary file beside it, fsynced, renamed
    /// over `path`, and the folder fsynced so the rename itself is durable.
    static func replace(_ path: String, with data: Data, mode: mode_t = 0o600) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = "\(folder)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw ReportError(.io, "cannot create \(temporary): \(systemError())") }
        do {
            try writeAll(data, to: descriptor, path: temporary)
            guard fsync(descriptor) == 0 else { throw ReportError(.io, "cannot fsync \(temporary): \(systemError())") }
            close(descriptor)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = systemError()
            unlink(temporary)
            throw ReportError(.io, "cannot rename \(temporary) to \(path): \(reason)")
        }
        try syncFolder(folder)
    }

    /// Writes every byte, continuing after short writes and interrupted calls.
    static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw ReportError(.io, "cannot write \(path): \(systemError())")
                }
                offset += written
            }
        }
    }

    private static func syncFolder(_ folder: String) throws {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReportError(.io, "cannot open the folder \(folder): \(systemError())") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw ReportError(.io, "cannot fsync the folder \(folder): \(systemError())")
        }
    }

    static func systemError() -> String {
        String(cString: strerror(errno))
    }
}
