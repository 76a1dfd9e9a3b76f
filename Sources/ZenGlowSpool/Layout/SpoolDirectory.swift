import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A spool on disk: `incoming/`, `processing/`, `archive/`, `failed/`, and the worker's hidden
/// state (`.state/` for attempt counts, `.gate/` for undelivered gate notifications).
public struct SpoolDirectory: Sendable, Equatable {
    /// Folders are writable by the service user only: producers run as that user (or in its
    /// group, reading), and nobody else may drop files that the worker would load as a tenant.
    public static let folderMode: mode_t = 0o750

    public let root: String

    public init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    public func path(_ folder: SpoolFolder) -> String { "\(root)/\(folder.rawValue)" }
    public func path(_ folder: SpoolFolder, _ name: String) -> String { "\(root)/\(folder.rawValue)/\(name)" }
    public var stateDirectory: String { "\(root)/.state" }
    public var gateOutbox: String { "\(root)/.gate" }

    /// Creates every folder that is missing (and the root) with ``folderMode``; existing folders
    /// keep their contents and their modes (a group-writable `incoming/` for producers stays so).
    /// Returns the folders created.
    @discardableResult
    public func initialize() throws -> [String] {
        var created: [String] = []
        for path in [root] + SpoolFolder.allCases.map(path) + [stateDirectory, gateOutbox] {
            var status = stat()
            if stat(path, &status) != 0 {
                if mkdir(path, Self.folderMode) != 0 && errno != EEXIST {
                    throw SpoolError("cannot create \(path): \(String(cString: strerror(errno)))")
                }
                // The umask may have narrowed it; existing folders keep the modes an operator gave them.
                if chmod(path, Self.folderMode) != 0 {
                    throw SpoolError("cannot set the mode of \(path) to 0750: \(String(cString: strerror(errno)))")
                }
                created.append(path)
            } else if status.st_mode & S_IFMT != S_IFDIR {
                throw SpoolError("\(path) exists and is not a folder: move it away and run `zenglow spool init` again")
            }
        }
        return created
    }

    /// Throws, naming the folder and the fix, unless every folder exists and this process can
    /// write it; the worker checks this before it starts.
    public func check() throws {
        var device: UInt64?
        for path in SpoolFolder.allCases.map(path) + [stateDirectory, gateOutbox] {
            var status = stat()
            guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                throw SpoolError(
                    "the spool folder \(path) is missing: run `zenglow spool init` (SPOOL_DIR=\(root))")
            }
            // Claims and finishing are renames: every folder must be on one file system.
            if let device, device != UInt64(status.st_dev) {
                throw SpoolError(
                    "the spool folder \(path) is on another file system than \(self.path(.incoming)): keep every folder of \(root) on one, so that moves are renames"
                )
            }
            device = UInt64(status.st_dev)
            guard access(path, W_OK | X_OK) == 0 else {
                throw SpoolError(
                    "the spool folder \(path) is not writable by this user (uid \(getuid())): run the worker as its owner, or `chown` it and run `zenglow spool init`"
                )
            }
        }
    }

    /// Names of the visible files in `folder` (hidden names and folders left out), oldest first
    /// by modification time, then by name.
    public func files(in folder: SpoolFolder) -> [SpoolEntry] {
        let directory = path(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var entries: [SpoolEntry] = []
        for name in names where !name.hasPrefix(".") {
            var status = stat()
            guard lstat("\(directory)/\(name)", &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            let modified = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
            let changed = Double(status.st_ctim.tv_sec) + Double(status.st_ctim.tv_nsec) / 1e9
            entries.append(
                SpoolEntry(
                    name: name, size: Int(status.st_size), modified: modified, changed: changed,
                    inode: UInt64(status.st_ino)))
        }
        return entries.sorted { ($0.modified, $0.name) < ($1.modified, $1.name) }
    }

    /// How many visible files each folder holds.
    public func counts() -> [SpoolFolder: Int] {
        Dictionary(uniqueKeysWithValues: SpoolFolder.allCases.map { ($0, files(in: $0).count) })
    }
}

/// A visible file in a spool folder.
public struct SpoolEntry: Sendable, Equatable {
    public let name: String
    public let size: Int
    /// Seconds since 1970.
    public let modified: Double
    /// When its inode last changed (a rename included), seconds since 1970.
    public let changed: Double
    public let inode: UInt64
}
