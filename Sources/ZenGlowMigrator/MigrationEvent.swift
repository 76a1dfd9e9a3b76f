/// Progress the migrator reports as it goes, one event per file.
public enum MigrationEvent: Sendable {
    /// Waiting for another migrator's lock.
    case waitingForLock
    case applied(MigrationFile, action: MigrationPlan.Step.Action, milliseconds: Int)
    case skipped(MigrationFile, reason: String)
    /// A `55P03 lock_not_available` was retried after a pause.
    case retrying(MigrationFile, attempt: Int, afterMilliseconds: Int)
}
