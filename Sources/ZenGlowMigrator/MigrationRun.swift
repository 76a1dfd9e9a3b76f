/// What `migrate up` did.
public struct MigrationRun: Sendable {
    public let plan: MigrationPlan
    /// Files applied in this run, with their durations in milliseconds.
    public let applied: [(file: MigrationFile, action: MigrationPlan.Step.Action, milliseconds: Int)]
    public let skipped: [MigrationPlan.Step]
    public let milliseconds: Int
}
