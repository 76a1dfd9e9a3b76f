/// How a spool run ended, as the gate, the alert counter, the failure log and the batch manifest
/// name it. A run takes the most severe reason that applies, in the order of `severity`:
/// failed > partition_missing > other_error > healed_partition > success.
public enum SpoolReason: String, Sendable, Codable, CaseIterable {
    /// Every file loaded and no batch needed healing.
    case success
    /// A file went to `failed/` for its content (decode, validation, tenant, tag reuse): permanent.
    case failed
    /// Every file loaded, and at least one batch's manifest ended `healed`.
    case healedPartition = "healed_partition"
    /// A load was refused because the chunk partition could not be made (SQLSTATE ZG010).
    case partitionMissing = "partition_missing"
    /// A transient failure (database or embedder down) put a file back to be retried.
    case otherError = "other_error"

    /// Higher is more severe; a run's reason is the maximum over what happened in it.
    public var severity: Int {
        switch self {
        case .success: 0
        case .healedPartition: 1
        case .otherError: 2
        case .partitionMissing: 3
        case .failed: 4
        }
    }

    /// The more severe of the two, so a run can fold its files' outcomes into one reason.
    public func worst(_ other: SpoolReason) -> SpoolReason {
        other.severity > severity ? other : self
    }
}
