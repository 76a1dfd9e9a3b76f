import Foundation

/// One row of `zenglow_migrations.history`.
public struct HistoryEntry: Sendable, Codable, Equatable {
    /// `applied`, `baseline` (adopted without running) or `failed` (a no-transaction file stopped midway).
    public enum Status: String, Sendable, Codable {
        case applied
        case baseline
        case failed
    }

    public let id: Int
    public let kind: MigrationFile.Kind
    public let version: Int?
    public let path: String
    public let checksum: String
    public let status: Status
    public let appliedAt: Date
    public let appliedBy: String
    public let durationMilliseconds: Int
    /// Statements of a failed no-transaction file that ran, and the checksum of their text.
    public let statementsApplied: Int
    public let appliedPrefixChecksum: String?
}

/// The history as the planner needs it.
struct History: Sendable {
    let entries: [HistoryEntry]

    /// Applied or baselined versioned entries by version.
    var versions: [Int: HistoryEntry] {
        var result: [Int: HistoryEntry] = [:]
        for entry in entries where entry.kind == .versioned && entry.status != .failed {
            if let version = entry.version { result[version] = entry }
        }
        return result
    }

    /// The newest successful application of each repeatable file.
    var repeatables: [String: HistoryEntry] {
        var result: [String: HistoryEntry] = [:]
        for entry in entries where entry.kind == .repeatable && entry.status == .applied {
            result[entry.path] = entry
        }
        return result
    }

    var highestVersion: Int? { versions.keys.max() }

    /// How many leading statements of a no-transaction `file` already ran in a failed attempt and
    /// are unchanged since: the next attempt resumes after them instead of repeating them.
    func resumePoint(for file: MigrationFile) -> Int {
        guard !file.transactional,
            let last = entries.last(where: { $0.path == file.path }),
            last.status == .failed, last.statementsApplied > 0,
            last.statementsApplied < file.statements.count,
            last.appliedPrefixChecksum == file.prefixChecksum(last.statementsApplied)
        else { return 0 }
        return last.statementsApplied
    }
}
