import Foundation
import Logging
import PostgresNIO
import Synchronization
import ZenGlowDB
import ZenGlowIngest

/// A batch that loaded, with what the worker found on the way.
struct LoadedBatchReport: Sendable {
    let runID: String
    let file: String
    let frame: Int
    let batch: IngestBatch
    let result: BatchLoadResult
    let findings: PIIFindings
    /// Milliseconds per stage.
    let durations: [String: Double]
}

/// Everything a loaded or failed batch leaves behind besides its rows: the summary in
/// SPOOL_REPORT_DIR with the drift check, the manifest's annotations (drift, PII, an alert reason,
/// announced on `zenglow_manifest` for `/events`), the failure log line and the audit event for
/// every self-heal and permanent failure, and the metrics. None of it can fail a load: problems are
/// logged.
struct SpoolEventRecorder: Sendable {
    let configuration: SpoolConfiguration
    let metrics: SpoolMetrics
    let summaries: SummaryWriter
    let failureLog: FailureLog

    /// Records a loaded batch; true when its load healed a partition and this call recorded it.
    /// A re-submission whose manifest has no summary yet is the same batch after a crash between
    /// commit and recording (or the archive rename): it is recorded now, heal included.
    @discardableResult
    /// `connection` is the one the batch loaded on (outside any transaction now): recording takes
    /// no connection of its own.
    func loaded(_ report: LoadedBatchReport, on connection: PostgresConnection, logger: Logger) async -> Bool {
        let result = report.result
        let batch = report.batch
        var unrecorded = !result.resubmitted
        if !unrecorded { unrecorded = await manifestLacksSummary(batch, on: connection, logger: logger) }
        let healed = result.state == "healed" && unrecorded
        let bySource = IngestSummary.chunksBySource(batch)
        let previous = summaries.previous(tenant: batch.tenant, before: batch.tag)
        let drift = DriftCheck.compare(
            current: bySource, previous: previous?.bySource, previousTag: previous?.batchTag,
            threshold: configuration.driftThreshold)
        let summary = IngestSummary(
            runID: report.runID, file: report.file, frame: report.frame, tenant: batch.tenant, batchTag: batch.tag,
            source: batch.source, state: result.state, accepted: Int(result.accepted), rejected: Int(result.rejected),
            rejectedByReason: Dictionary(grouping: result.rejections, by: \.reason.rawValue).mapValues(\.count),
            bySource: bySource, embedded: Int(result.embedded), resubmitted: result.resubmitted, pii: report.findings,
            piiMode: configuration.piiMode, drift: drift, durations: report.durations)
        do {
            _ = try summaries.write(summary)
        } catch {
            logger.error("cannot write the batch summary", metadata: ["zg.error": "\(error)"])
        }
        metrics.processed(batches: 1)
        let fallback = Int(result.embedded) + (healed ? Int(result.accepted) : 0)
        metrics.chunks(accepted: Int(result.accepted), embedded: Int(result.embedded), fallback: fallback)
        for (reason, count) in summary.rejectedByReason { metrics.rejected(reason: reason, count: count) }
        for kind in PIIKind.allCases where report.findings[kind] > 0 {
            metrics.pii(kind: kind.rawValue, count: report.findings[kind])
        }
        metrics.drift(flagged: drift.flagged)
        if drift.flagged {
            logger.warning(
                "the batch's source mix drifted from the tenant's previous batch",
                metadata: ["zg.max_delta": "\(drift.maxDelta)", "zg.previous": "\(drift.previousBatchTag ?? "")"])
        }
        guard unrecorded else { return false }
        await recording(logger: logger) {
            try await connection.withTenant(batch.tenant, role: "zenglow_ingest", logger: logger) { connection in
                _ = try await connection.annotateBatch(
                    tag: batch.tag, alertReason: healed ? SpoolReason.healedPartition.rawValue : nil,
                    driftJSON: try EventJSON.text(drift), piiJSON: try EventJSON.text(report.findings),
                    summaryJSON: try EventJSON.text(summary), logger: logger)
            }
            if healed {
                _ = try await connection.recordIngestEvent(
                    tenant: batch.tenant, action: "ingest.healed", subject: batch.tag,
                    detailsJSON: try EventJSON.text(
                        AuditDetails(
                            file: report.file, reason: SpoolReason.healedPartition.rawValue,
                            message: "the chunk partition was missing; the load created it")),
                    logger: logger)
            }
        }
        if healed {
            append(
                FailureLog.Entry(
                    batchTag: batch.tag, tenant: batch.tenant, reason: SpoolReason.healedPartition.rawValue,
                    healed: true,
                    file: report.file, message: "the chunk partition was missing; the load created it"), logger: logger)
        }
        return healed
    }

    private func manifestLacksSummary(_ batch: IngestBatch, on connection: PostgresConnection, logger: Logger) async
        -> Bool
    {
        let lacks = Mutex(false)
        await recording(logger: logger) {
            try await connection.withTenant(batch.tenant, role: "zenglow_ingest", logger: logger) { connection in
                let json = try await connection.batchManifest(tag: batch.tag, logger: logger)
                let manifest = json.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                lacks.withLock { $0 = manifest?["summary"] == nil || manifest?["summary"] is NSNull }
            }
        }
        return lacks.withLock { $0 }
    }

    /// A permanent failure of a whole file or one batch of it.
    func failed(_ failure: SpoolFailure, file: String, tenant: String?, tag: String?, logger: Logger) async {
        // The audit record's details are bounded (16 kB); a message is never that long to be useful.
        let message = String(failure.description.prefix(2000))
        append(
            FailureLog.Entry(
                batchTag: tag, tenant: tenant, reason: failure.code.rawValue, healed: false, file: file,
                message: message), logger: logger)
        await withDatabase(logger: logger) { connection in
            _ = try await connection.recordIngestEvent(
                tenant: tenant, action: "ingest.failed", subject: tag ?? file,
                detailsJSON: try EventJSON.text(
                    AuditDetails(file: file, reason: failure.code.rawValue, message: message)),
                logger: logger)
            if let tenant, let tag, failure.code != .unknownTenant {
                try await connection.withTenant(tenant, role: "zenglow_ingest", logger: logger) { connection in
                    let reason: SpoolReason = failure.code == .partitionMissing ? .partitionMissing : .failed
                    try await connection.announceIngestProblem(
                        tag: tag, reason: reason.rawValue, message: message, logger: logger)
                }
            }
        }
    }

    private func append(_ entry: FailureLog.Entry, logger: Logger) {
        do {
            try failureLog.append(entry)
        } catch {
            logger.error("cannot append to the failure log", metadata: ["zg.error": "\(error)"])
        }
    }

    /// Runs `body`, logging (never throwing) what fails: recording cannot fail a load.
    private func recording(logger: Logger, _ body: () async throws -> Void) async {
        do {
            try await body()
        } catch {
            logger.error(
                "cannot record the batch's events in the database", metadata: ["zg.error": "\(DatabaseError(error))"])
        }
    }

    private func withDatabase(logger: Logger, _ body: @Sendable (PostgresConnection) async throws -> Void) async {
        do {
            try await configuration.database.url.withConnection(applicationName: "zenglow-spool", logger: logger) {
                try await body($0)
            }
        } catch {
            logger.error(
                "cannot record the batch's events in the database", metadata: ["zg.error": "\(DatabaseError(error))"])
        }
    }
}

/// The details of an `ingest.failed` / `ingest.healed` audit event.
struct AuditDetails: Encodable {
    let file: String
    let reason: String
    let message: String
}
