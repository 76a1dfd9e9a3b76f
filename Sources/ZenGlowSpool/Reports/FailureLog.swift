import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The append-only record of every permanent failure and every self-heal (`SPOOL_FAILURE_LOG`):
/// one JSON object per line, in a file only the service user can read.
///
/// The file is opened for each line rather than held open: failures are rare, a rotated log
/// (renamed away by logrotate) is recreated 0600 at the next line, and the permission check runs
/// every time, so a log someone widened with chmod is refused at once, not at the next restart.
public struct FailureLog: Sendable {
    public let path: String

    /// Checks that the log can be appended to: it is created with mode 0600 when missing; an
    /// existing one readable or writable by group or others is refused, naming the fix.
    public init(path: String) throws {
        self.path = path
        close(try Self.openForAppend(path))
    }

    /// Appends the entry as one line and fsyncs it before returning.
    public func append(_ entry: Entry) throws {
        let line = try ReportJSON.encoder(pretty: false).encode(entry) + Data("\n".utf8)
        let descriptor = try Self.openForAppend(path)
        defer { close(descriptor) }
        // O_APPEND moves to the end and writes in one step, so lines from several workers (or
        // several FailureLog values) never overwrite each other.
        try DurableFile.writeAll(line, to: descriptor, path: path)
        guard fsync(descriptor) == 0 else {
            throw ReportError(.io, "cannot fsync the failure log \(path): \(DurableFile.systemError())")
        }
    }

    private static func openForAppend(_ path: String) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ReportError(.io, "cannot open the failure log \(path): \(DurableFile.systemError())")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = DurableFile.systemError()
            close(descriptor)
            throw ReportError(.io, "cannot inspect the failure log \(path): \(reason)")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw ReportError(.insecureFailureLog, "the failure log \(path) is not a regular file")
        }
        let permissions = status.st_mode & 0o777
        guard permissions & 0o077 == 0 else {
            close(descriptor)
            throw ReportError(
                .insecureFailureLog,
                "the failure log \(path) has mode \(String(permissions, radix: 8)), so other users can read or "
                    + "write it; run chmod 600 \(path)")
        }
        return descriptor
    }
}
