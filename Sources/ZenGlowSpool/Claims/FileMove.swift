import CZenGlowSystem
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Renames that never overwrite: a file reaches its next folder whole, under its own name or, when
/// that name is taken there, a free variant of it; never replacing another file.
enum FileMove {
    enum Outcome: Equatable {
        case moved
        /// The source is gone: another worker moved it first.
        case sourceGone
        /// The target name is taken.
        case targetExists
    }

    static func rename(_ from: String, to: String) throws -> Outcome {
        if zenglow_rename_noreplace(from, to) == 0 { return .moved }
        switch errno {
        case ENOENT: return .sourceGone
        case EEXIST: return .targetExists
        case EINVAL, ENOSYS:
            // A file system without RENAME_NOREPLACE: link refuses an existing target atomically.
            if link(from, to) != 0 {
                if errno == EEXIST { return .targetExists }
                if errno == ENOENT { return .sourceGone }
                throw SpoolError("cannot move \(from) to \(to): \(String(cString: strerror(errno)))")
            }
            unlink(from)
            return .moved
        default:
            throw SpoolError("cannot move \(from) to \(to): \(String(cString: strerror(errno)))")
        }
    }

    /// Moves `from` into `folder` under `name`, or `NAME-2`, `NAME-3`… (before the extension) when
    /// taken. Returns the name used.
    static func rename(_ from: String, into folder: String, name: String) throws -> String? {
        for attempt in 1...1000 {
            let candidate = attempt == 1 ? name : variant(of: name, number: attempt)
            switch try rename(from, to: "\(folder)/\(candidate)") {
            case .moved: return candidate
            case .sourceGone: return nil
            case .targetExists: continue
            }
        }
        throw SpoolError("cannot move \(from) into \(folder): 1000 variants of \(name) are taken")
    }

    /// `batch.msgpack.zst` → `batch-2.msgpack.zst`.
    static func variant(of name: String, number: Int) -> String {
        let stem = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return stem.count == 2 ? "\(stem[0])-\(number).\(stem[1])" : "\(name)-\(number)"
    }

    /// Makes a rename in `folder` durable (the directory entry reaches the disk).
    static func syncDirectory(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
