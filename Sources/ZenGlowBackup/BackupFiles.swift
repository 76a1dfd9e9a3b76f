import Crypto
import Foundation

/// One backup's two files in its folder: `<name>.dump` (pg_dump's custom format) and
/// `<name>.manifest.json`, where the name holds the database and the UTC time to the millisecond,
/// so names sort by time and two backups never share one.
public struct BackupFiles: Sendable, Equatable {
    public let dumpPath: String
    public let manifestPath: String

    public static let dumpSuffix = ".dump"
    public static let manifestSuffix = ".manifest.json"

    /// The files of a new backup of `database` taken at `date`.
    public static func new(database: String, at date: Date, in directory: String) -> BackupFiles {
        let safe = String(database.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" })
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let stamp =
            pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + "T" + pad(parts.hour, 2)
            + pad(parts.minute, 2) + pad(parts.second, 2) + "." + pad((parts.nanosecond ?? 0) / 1_000_000, 3) + "Z"
        let base = directory + "/zenglow-\(safe)-\(stamp)"
        return BackupFiles(dumpPath: base + dumpSuffix, manifestPath: base + manifestSuffix)
    }

    /// The files of the backup `path` names: its dump, or its manifest.
    public init(path: String) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let base =
            absolute.hasSuffix(Self.manifestSuffix)
            ? String(absolute.dropLast(Self.manifestSuffix.count))
            : absolute.hasSuffix(Self.dumpSuffix) ? String(absolute.dropLast(Self.dumpSuffix.count)) : absolute
        self.init(
            dumpPath: absolute.hasSuffix(Self.manifestSuffix) ? base + Self.dumpSuffix : absolute,
            manifestPath: base + Self.manifestSuffix)
    }

    init(dumpPath: String, manifestPath: String) {
        self.dumpPath = dumpPath
        self.manifestPath = manifestPath
    }

    /// Where pg_dump writes before the dump is complete: hidden, in the same folder (so the final
    /// rename is atomic), never taken for a backup.
    var partialDumpPath: String {
        let url = URL(fileURLWithPath: dumpPath)
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".partial"
    }

    /// The manifest while it is written, beside it.
    var partialManifestPath: String {
        let url = URL(fileURLWithPath: manifestPath)
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".partial"
    }

    /// sha256 (lowercase hex) and size of the file at `path`, read in 1 MiB pieces.
    public static func sha256(of path: String) throws -> (sha256: String, size: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw BackupError(.fileSystem, "\(path): cannot be read")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty {
            hasher.update(data: piece)
            size += Int64(piece.count)
        }
        return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), size)
    }
}
