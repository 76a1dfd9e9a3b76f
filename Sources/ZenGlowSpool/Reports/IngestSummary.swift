import Foundation
import ZenGlowIngest

/// What happened to one batch, written as `<tenant>/<batch_tag>.json` under `SPOOL_REPORT_DIR`
/// for operators and scripts (`make report`); the drift check reads the previous one back.
public struct IngestSummary: Sendable, Codable, Equatable {
    public var runID: String
    /// The spool file the batch came from (its name in `archive/` or `failed/`).
    public var file: String
    /// The batch's frame in a segment, 0 for a single-batch file.
    public var frame: Int
    public var tenant: String
    public var batchTag: String
    public var source: String
    /// The batch manifest's state after the load (`loaded`, `healed`, `failed`, …).
    public var state: String
    public var accepted: Int
    public var rejected: Int
    /// Rejected rows per ``BatchRejection/Reason`` raw value.
    public var rejectedByReason: [String: Int]
    /// Chunks per document source (a document's own source, else the batch's).
    public var bySource: [String: Int]
    /// Chunks the worker embedded because they came without a vector.
    public var embedded: Int
    /// Whether this batch tag had been loaded before (the same content submitted again).
    public var resubmitted: Bool
    public var pii: PIIFindings
    public var piiMode: PIIMode
    /// Nil when the check did not run (a dry run, or a batch refused before loading).
    public var drift: DriftReport?
    /// Milliseconds per stage: `decode`, `pii`, `embed`, `load`, `total`.
    public var durations: [String: Double]
    public var writtenAt: Date

    enum CodingKeys: String, CodingKey {
        case file, frame, tenant, source, state, accepted, rejected, embedded, resubmitted, pii, drift, durations
        case runID = "run_id"
        case batchTag = "batch_tag"
        case rejectedByReason = "rejected_by_reason"
        case bySource = "by_source"
        case piiMode = "pii_mode"
        case writtenAt = "written_at"
    }

    public init(
        runID: String, file: String, frame: Int, tenant: String, batchTag: String, source: String, state: String,
        accepted: Int, rejected: Int, rejectedByReason: [String: Int], bySource: [String: Int], embedded: Int,
        resubmitted: Bool, pii: PIIFindings, piiMode: PIIMode, drift: DriftReport?, durations: [String: Double],
        writtenAt: Date = Date()
    ) {
        self.runID = runID
        self.file = file
        self.frame = frame
        self.tenant = tenant
        self.batchTag = batchTag
        self.source = source
        self.state = state
        self.accepted = accepted
        self.rejected = rejected
        self.rejectedByReason = rejectedByReason
        self.bySource = bySource
        self.embedded = embedded
        self.resubmitted = resubmitted
        self.pii = pii
        self.piiMode = piiMode
        self.drift = drift
        self.durations = durations
        self.writtenAt = writtenAt
    }
}

extension IngestSummary {
    /// Chunks per source in `batch`, the mix the drift check compares.
    public static func chunksBySource(_ batch: IngestBatch) -> [String: Int] {
        var counts: [String: Int] = [:]
        for document in batch.documents {
            counts[document.source ?? batch.source, default: 0] += document.chunks.count
        }
        return counts
    }
}
