import Foundation

/// Keeps the newest `keep` backups of one database in a folder and removes the older ones, dump
/// first (so no dump is ever left without its manifest). "One database" is its name together with
/// its installation id: neither another server's database of the same name, nor a restored copy
/// (which gets a new id), nor a database copied with CREATE DATABASE … TEMPLATE (same id, other
/// name) is ever pruned by this one's backups.
public struct BackupRetention: Sendable {
    public let directory: String
    public let keep: Int

    /// `keep` below 1 keeps 1: the backup just made is never removed.
    public init(directory: String, keep: Int) {
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
        self.keep = max(1, keep)
    }

    /// The backups of database `database` with `installationID` in the folder, newest first (manifests without their dump,
    /// and files that are not manifests, are not backups and are left alone).
    public func backups(database: String, installationID: String) -> [(files: BackupFiles, manifest: BackupManifest)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0.hasSuffix(BackupFiles.manifestSuffix) }.compactMap { name in
            let files = BackupFiles(path: directory + "/" + name)
            guard FileManager.default.fileExists(atPath: files.dumpPath),
                let manifest = try? BackupManifest.read(from: files.manifestPath),
                manifest.installationID == installationID, manifest.database == database
            else { return nil }
            return (files, manifest)
        }.sorted { ($0.manifest.createdAt, $0.files.dumpPath) > ($1.manifest.createdAt, $1.files.dumpPath) }
    }

    /// Removes all but the newest `keep` (always keeping `newest`, the backup just made); returns
    /// how many remain and the removed files.
    public func prune(database: String, installationID: String, newest: BackupFiles) throws -> (
        kept: Int, removed: [String]
    ) {
        // Compared as standardized paths: `newest` may name the folder as given, the listing as read.
        func standardized(_ files: BackupFiles) -> String {
            URL(fileURLWithPath: files.dumpPath).standardizedFileURL.path
        }
        let older = backups(database: database, installationID: installationID).filter {
            standardized($0.files) != standardized(newest)
        }
        var removed: [String] = []
        for backup in older.dropFirst(keep - 1) {
            for path in [backup.files.dumpPath, backup.files.manifestPath] {
                do {
                    try FileManager.default.removeItem(atPath: path)
                } catch {
                    throw BackupError(
                        .fileSystem,
                        "the backup succeeded, but removing the old \(path) failed: \(error.localizedDescription)")
                }
                removed.append(path)
            }
        }
        return (min(older.count, keep - 1) + 1, removed)
    }
}
