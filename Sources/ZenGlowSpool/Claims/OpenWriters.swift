import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Files some process holds open for writing, found through /proc: a writer that ignores the
/// maildir rule (`cp` straight into `incoming/`) is not done while it holds the file open, so the
/// worker leaves such files alone. Only processes this user may inspect are seen (all of them for
/// root), which covers writers running as the service user.
enum OpenWriters {
    /// Paths under `folder` open for writing by any process other than this one.
    static func paths(under folder: String) -> Set<String> {
        let ownPID = String(getpid())
        var found: Set<String> = []
        guard let processes = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return found }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        for pid in processes where pid.first?.isNumber == true && pid != ownPID {
            guard let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else {
                continue
            }
            for descriptor in descriptors {
                guard
                    let target = try? FileManager.default.destinationOfSymbolicLink(
                        atPath: "/proc/\(pid)/fd/\(descriptor)"),
                    target.hasPrefix(prefix), isOpenForWriting(pid: pid, descriptor: descriptor)
                else { continue }
                found.insert(target)
            }
        }
        return found
    }

    /// fdinfo's `flags:` line is octal open(2) flags; the access mode is its low two bits.
    private static func isOpenForWriting(pid: String, descriptor: String) -> Bool {
        guard let info = try? String(contentsOfFile: "/proc/\(pid)/fdinfo/\(descriptor)", encoding: .utf8),
            let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags:") }),
            let flags = Int(line.dropFirst("flags:".count).trimmingCharacters(in: .whitespaces), radix: 8)
        else { return true }
        return flags & Int(O_ACCMODE) != Int(O_RDONLY)
    }
}
