import Foundation
import ZenGlowEmbedded

/// Which entries of a dump pg_restore restores. All of them, except pg_cron and its `cron`
/// schema: pg_cron can exist only in the one database `cron.database_name` names, so a copy
/// restored under a new name could not create it, and must not run the original's jobs anyway.
struct RestoreList {
    /// The filtered list file, when something was left out.
    private let path: String?

    init(tools: PostgresTools, dumpPath: String) throws {
        let listing = try ShellCommand(tools.pgRestore, ["--list", dumpPath]).runChecked("pg_restore --list")
        let lines = listing.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let kept = lines.filter { !Self.belongsToPgCron($0) }
        guard kept.count < lines.count else {
            path = nil
            return
        }
        let file = NSTemporaryDirectory() + "/zenglow-restore-\(UUID().uuidString).list"
        try kept.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        path = file
    }

    var arguments: [String] { path.map { ["--use-list=\($0)"] } ?? [] }

    func remove() {
        if let path { try? FileManager.default.removeItem(atPath: path) }
    }

    /// A table-of-contents line (`<id>; <catalog oid> <oid> <TYPE> <schema> <name> <owner>`) of
    /// the extension pg_cron or of an object in its schema `cron`.
    static func belongsToPgCron(_ line: String) -> Bool {
        guard !line.hasPrefix(";"), let entry = line.range(of: #"^\d+; \d+ \d+ "#, options: .regularExpression) else {
            return false
        }
        let description = line[entry.upperBound...]
        return description.range(of: #"EXTENSION (- )?pg_cron\b"#, options: .regularExpression) != nil
            || description.range(of: #"^[A-Z][A-Z ]* cron "#, options: .regularExpression) != nil
            || description.range(of: #"SCHEMA (- )?cron\b"#, options: .regularExpression) != nil
    }
}
