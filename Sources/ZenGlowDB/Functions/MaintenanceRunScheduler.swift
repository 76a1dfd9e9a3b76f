import Foundation

/// What `zenglow_api.maintenance_scheduler()` says: the scheduler of the newest scheduled run
/// of `zenglow.run_maintenance()`, when it started and how it ended, whether that is recent
/// (`active`), and whether pg_cron is preloaded in this server.
public struct MaintenanceSchedulerStatus: Sendable, Codable, Equatable {
    /// `manual`, `service` or `pg_cron`; nil when maintenance never ran.
    public let scheduler: String?
    public let lastRunAt: String?
    public let lastOutcome: String?
    /// Seconds since the last run started.
    public let lastRunAgeSeconds: Double?
    /// The last run started within the window the function names (10 minutes): something
    /// runs maintenance now, and it is `scheduler`.
    public let active: Bool
    /// pg_cron is in this server's shared_preload_libraries.
    public let pgCronPreloaded: Bool
    /// The database pg_cron's jobs live in (cron.database_name), when preloaded.
    public let pgCronDatabase: String?

    enum CodingKeys: String, CodingKey {
        case scheduler
        case lastRunAt = "last_run_at"
        case lastOutcome = "last_outcome"
        case lastRunAgeSeconds = "last_run_age_seconds"
        case active
        case pgCronPreloaded = "pg_cron_preloaded"
        case pgCronDatabase = "pg_cron_database"
    }

    /// `service, last run 12 s ago (success)`, `none (no scheduled run in 10 minutes; last manual 2 h ago)`.
    public var summary: String {
        guard let scheduler, let age = lastRunAgeSeconds else {
            return "none (maintenance never ran)"
        }
        let last = "\(scheduler) \(Self.age(age)) ago (\(lastOutcome ?? "unknown"))"
        return active
            ? "\(scheduler), last run \(Self.age(age)) ago (\(lastOutcome ?? "unknown"))"
            : "none (no run in the last 10 minutes; last: \(last))"
    }

    static func age(_ seconds: Double) -> String {
        switch seconds {
        case ..<120: "\(Int(seconds.rounded())) s"
        case ..<7200: "\(Int((seconds / 60).rounded())) min"
        case ..<172_800: "\(Int((seconds / 3600).rounded())) h"
        default: "\(Int((seconds / 86400).rounded())) d"
        }
    }
}
