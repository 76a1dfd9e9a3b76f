/// Where one batch's load spent its time, in seconds (for `zenglow bench load` and debug logs).
public struct BatchLoadSteps: Sendable, Equatable {
    /// Checking every row and hashing its text (before COPY).
    public var validation = 0.0
    /// Writing the rows in the COPY format (done while the COPY streams).
    public var encoding = 0.0
    /// The COPY into zg_staging apart from encoding: sending, and the server reading the rows.
    public var transfer = 0.0
    /// `zenglow_api.ingest_staged_batch`: checks, replacement, insert (with its trigger), statistics, manifest.
    public var ingest = 0.0
    /// The commit.
    public var commit = 0.0

    public init() {}

    /// The sum of the steps.
    public var total: Double { validation + encoding + transfer + ingest + commit }
}
