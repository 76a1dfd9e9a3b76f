/// What runs `zenglow.run_maintenance()`; every run records it (`zenglow.maintenance_runs.scheduler`),
/// so `migrate status` and `/health/ready` can say which scheduler is active.
public enum MaintenanceScheduler: String, Sendable, CaseIterable, Codable {
    /// One `zenglow maintain`.
    case manual
    /// `zenglow maintain run --every`.
    case service
    /// A pg_cron job registered by `zenglow maintain schedule`.
    case pgCron = "pg_cron"
}
