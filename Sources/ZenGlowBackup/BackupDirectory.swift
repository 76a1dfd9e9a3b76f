import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The file operations that make a backup appear whole or not at all.
enum BackupDirectory {
    /// Creates the folder (and its parents) readable by this user only: dumps hold every tenant's data.
    static func create(_ directory: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw BackupError(
                .fileSystem, "cannot create the backup directory \(directory): \(error.localizedDescription)")
        }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw BackupError(.fileSystem, "the backup directory \(directory) is not writable")
        }
    }

    /// Writes the manifest, then renames the finished dump into place, each durably: a dump under
    /// its final name always has its manifest beside it.
    static func publish(manifest: Data, files: BackupFiles) throws {
        try write(manifest, to: files.partialManifestPath)
        try rename(files.partialManifestPath, to: files.manifestPath)
        do {
            // pg_dump creates its file under the process's umask; the dump holds every tenant's data.
            guard chmod(files.partialDumpPath, 0o600) == 0 else {
                throw BackupError(
                    .fileSystem, "cannot make \(files.partialDumpPath) private: \(String(cString: strerror(errno)))")
            }
            try sync(files.partialDumpPath)
            try rename(files.partialDumpPath, to: files.dumpPath)
        } catch {
            remove([files.manifestPath])
            throw error
        }
        try sync(URL(fileURLWithPath: files.dumpPath).deletingLastPathComponent().path)
    }

    /// Removes files that may or may not exist.
    static func remove(_ paths: [String]) {
        for path in paths where FileManager.default.fileExists(atPath: path) {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    private static func write(_ data: Data, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600])
        else {
            throw BackupError(.fileSystem, "cannot write \(path)")
        }
        try sync(path)
    }

    private static func rename(_ source: String, to destination: String) throws {
        guard Glibc.rename(source, destination) == 0 else {
            throw BackupError(
                .fileSystem, "cannot rename \(source) to \(destination): \(String(cString: strerror(errno)))")
        }
    }

    /// fsync of a file or a folder (a rename is durable once its folder is synced).
    private static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { close(descriptor) }
            throw BackupError(.fileSystem, "cannot sync \(path) to disk: \(reason)")
        }
        close(descriptor)
    }
}
