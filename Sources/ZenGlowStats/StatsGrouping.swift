/// What `--by` splits a screen's rows by.
public enum StatsGrouping: String, Sendable, CaseIterable {
    case tenant, mode, model, stage

    /// The column heading of the group column.
    var heading: String { rawValue }
}
