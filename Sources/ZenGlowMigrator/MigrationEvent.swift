/// Progress the migrator reports as it goes, one event per file.
public enum MigrationEvent: Sendable {
    /// Waiting for another migrator's lock.
    case waitingForLock
    case applied(MigrationFile, action: MigrationPlan.Step.Action, milliseconds: Int)
    case skipped(MigrationFile, reason: String)
    /// A lock timeout, or a race with another database's migrator over cluster-wide catalogs, is
    /// retried after a pause.
    case retrying(MigrationFile, attempt: Int, afterMilliseconds: Int, reason: MigrationRetryReason)
}
