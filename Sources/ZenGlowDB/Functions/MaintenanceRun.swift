import Foundation

/// One run of `zenglow.run_maintenance()`: a row of zenglow.maintenance_runs.
public struct MaintenanceRun: Sendable, Codable, Equatable {
    public let runID: Int64
    public let startedAt: String?
    public let finishedAt: String?
    public let durationMilliseconds: Double?
    /// `scheduled` or `write`.
    public let trigger: String
    /// `success`, `skipped_locked`, `healed_partition`, `partial` or `other_error`.
    public let outcome: String
    public let created: [String]
    public let dropped: [String]
    public let healed: [String]
    public let movedRows: Int64
    public let deletedRows: Int64
    public let error: String?
    /// What the rollup step returned: per level (`5m`, `1h`, `1d`) its watermark and buckets
    /// written, and rows retired by retention; nil before the rollup step existed.
    public let rollups: JSONValue?
    /// What started the run: `manual`, `service` or `pg_cron`.
    public let scheduler: String
    /// Partitions the run ANALYZEd because a load had changed many of their rows.
    public let analyzed: [String]

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case durationMilliseconds = "duration_ms"
        case trigger, outcome, created, dropped, healed
        case movedRows = "moved_rows"
        case deletedRows = "deleted_rows"
        case error, rollups, scheduler, analyzed
    }

    /// True when a step failed (`partial`, `other_error`): `zenglow maintain` exits 1.
    public var failed: Bool { outcome == "partial" || outcome == "other_error" }

    /// One line per step outcome, and the error if any.
    public var report: [String] {
        let took = durationMilliseconds.map { String(format: " in %.1f ms", $0) } ?? ""
        if outcome == "skipped_locked" {
            return ["maintenance skipped\(took): another run held the lock (run \(runID))"]
        }
        var lines = [
            "maintenance \(outcome)\(took) (run \(runID))",
            "partitions: \(created.count) created, \(dropped.count) dropped, \(healed.count) healed"
                + Self.named(created: created, dropped: dropped, healed: healed),
            "analyzed: \(analyzed.count) partition\(analyzed.count == 1 ? "" : "s")"
                + (analyzed.isEmpty ? "" : " (" + analyzed.joined(separator: ", ") + ")"),
            "rows: \(movedRows) moved, \(deletedRows) deleted",
            "rollups: " + rollupSummary,
        ]
        if let error { lines.append("error: \(error)") }
        return lines
    }

    /// The run on one line, for a scheduler's log: `maintenance success in 12.3 ms (run 7, service):
    /// partitions 1 created, 0 dropped, 0 healed; 2 analyzed; rows 0 moved, 0 deleted`, and the error if any.
    public var summary: String {
        let took = durationMilliseconds.map { String(format: " in %.1f ms", $0) } ?? ""
        let head =
            "maintenance \(outcome == "skipped_locked" ? "skipped" : outcome)\(took) (run \(runID), \(scheduler))"
        if outcome == "skipped_locked" { return head + ": another run held the lock" }
        var line =
            head + ": partitions \(created.count) created, \(dropped.count) dropped, \(healed.count) healed"
            + Self.named(created: created, dropped: dropped, healed: healed)
            + "; \(analyzed.count) analyzed; rows \(movedRows) moved, \(deletedRows) deleted"
        if let error { line += "; error: \(error)" }
        return line
    }

    /// `5m to 2025-12-01 14:35 (3 buckets), 1h …, 1d …; retired 5m 0, 1h 0, 1d 0`.
    var rollupSummary: String {
        guard case .object(let levels) = rollups else { return "not run" }
        let reached = ["5m", "1h", "1d"].compactMap { level -> String? in
            guard case .object(let outcome) = levels[level] else { return nil }
            let watermark = outcome["watermark"].flatMap(\.text).map(Self.minute) ?? "none"
            let buckets = (outcome["buckets"] ?? outcome["buckets_written"]).flatMap(\.number).map { Int($0) } ?? 0
            return "\(level) to \(watermark) (\(buckets) bucket\(buckets == 1 ? "" : "s"))"
        }
        var summary = reached.isEmpty ? "no levels" : reached.joined(separator: ", ")
        if case .object(let retired) = levels["retired"] {
            let counts = ["5m", "1h", "1d"].compactMap { level in
                retired[level].flatMap(\.number).map { "\(level) \(Int($0))" }
            }
            if !counts.isEmpty { summary += "; retired rows " + counts.joined(separator: ", ") }
        }
        return summary
    }

    /// `2025-12-01T14:35:00+00:00` as `2025-12-01 14:35`.
    static func minute(_ timestamp: String) -> String {
        String(timestamp.replacingOccurrences(of: "T", with: " ").prefix(16))
    }

    /// The partitions' names, when there are any.
    static func named(created: [String], dropped: [String], healed: [String]) -> String {
        let names = [("+", created), ("-", dropped), ("healed ", healed)].flatMap { sign, names in
            names.map { sign + $0 }
        }
        return names.isEmpty ? "" : " (" + names.joined(separator: ", ") + ")"
    }
}
