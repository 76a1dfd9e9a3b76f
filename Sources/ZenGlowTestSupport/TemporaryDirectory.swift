import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A fresh folder under /tmp that the postgres system user can reach.
public enum TemporaryDirectory {
    /// Creates the folder and returns its path; the caller deletes it.
    public static func make(prefix: String = "zenglow-test") throws -> String {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: "/tmp/\(prefix)-XXXXXX"])
        }
        let path = template.withUnsafeBufferPointer { String(validatingCString: $0.baseAddress!) } ?? ""
        chmod(path, 0o755)  // PostgreSQL runs as the postgres user when tests run as root
        return path
    }
}
