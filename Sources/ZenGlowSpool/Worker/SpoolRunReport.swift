import Foundation

/// One run: the files it claimed and how each ended, its reason and duration.
public struct SpoolRunReport: Sendable {
    public let runID: String
    public let startedAt: Date
    public let duration: Duration
    public let files: [SpoolFileOutcome]

    /// The run's gate reason; see docs/ingestion.md for the precedence.
    public var reason: SpoolReason {
        let failures = files.flatMap { $0.failures }
        if !failures.isEmpty { return .failed }
        let transient = files.compactMap(\.transient)
        if transient.contains(where: { $0.code == .partitionMissing }) { return .partitionMissing }
        if !transient.isEmpty { return .otherError }
        if files.contains(where: { $0.batches.contains(where: \.healed) }) { return .healedPartition }
        return .success
    }

    public var counts: GateCounts {
        let batches = files.flatMap(\.batches)
        return GateCounts(
            files: files.count, batches: batches.count,
            chunksAccepted: batches.reduce(0) { $0 + Int($1.result.accepted) },
            chunksRejected: batches.reduce(0) { $0 + Int($1.result.rejected) },
            embedded: batches.reduce(0) { $0 + Int($1.result.embedded) },
            filesFailed: files.filter { $0.disposition == .failed }.count,
            filesRetried: files.filter { $0.disposition == .retried }.count)
    }
}
