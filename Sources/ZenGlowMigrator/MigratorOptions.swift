/// How the migrator waits and retries.
public struct MigratorOptions: Sendable {
    /// How long to wait for another migrator's lock before giving up ("lock not obtained").
    public var lockWait: Duration
    /// `lock_timeout` for each statement, so DDL never queues behind a long transaction indefinitely.
    public var lockTimeout: Duration
    /// How many times a statement or transaction failing with 55P03 is retried.
    public var lockRetries: Int

    public init(lockWait: Duration = .seconds(60), lockTimeout: Duration = .seconds(5), lockRetries: Int = 3) {
        self.lockWait = lockWait
        self.lockTimeout = lockTimeout
        self.lockRetries = lockRetries
    }
}
