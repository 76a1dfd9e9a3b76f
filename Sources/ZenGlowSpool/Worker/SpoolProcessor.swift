import Foundation
import Logging
import PostgresNIO
import ZenGlowDB
import ZenGlowEmbedding
import ZenGlowIngest

/// Processes one claimed file: read and validate it, scan for personal data, embed what came
/// without vectors, load each batch in its own transaction under the tenant it names (as
/// `zenglow_ingest`, so row-level security checks the tenant), write its summary, and move the file
/// to `archive/`, `failed/` (with its reason file) or back to `incoming/` after a transient failure.
struct SpoolProcessor: Sendable {
    let configuration: SpoolConfiguration
    let embedder: (any TextEmbedder)?
    let metrics: SpoolMetrics
    let events: SpoolEventRecorder
    let summaries: SummaryWriter
    let logger: Logger
    let fault: SpoolFaultPoint?

    var directory: SpoolDirectory { configuration.directory }

    func process(_ claim: SpoolClaim, runID: String) async -> SpoolFileOutcome {
        var logger = logger
        logger[metadataKey: "zg.file"] = "\(claim.name)"
        if fault == .afterClaim { await fault?.stall(directory: directory) }
        if claim.attempt > configuration.maxAttempts {
            let last = ClaimLedgerText.last(AttemptLedger(directory: directory.stateDirectory).entry(claim.name))
            return await fail(
                claim, runID: runID,
                failures: [
                    SpoolFailure(
                        .maxAttempts,
                        "claimed \(claim.attempt) times, more than SPOOL_MAX_ATTEMPTS=\(configuration.maxAttempts)\(last)"
                    )
                ], loaded: [], logger: logger)
        }
        guard case .spoolFile(let kind) = SpoolFileKind.recognize(claim.name) else {
            return await fail(
                claim, runID: runID,
                failures: [
                    SpoolFailure(
                        .unknownFormat, "spool files end in .msgpack, .msgpack.zst, .segment or .segment.zst")
                ], loaded: [], logger: logger)
        }
        let clock = ContinuousClock()
        let readStart = clock.now
        let contents: SpoolFileReader.Contents
        do {
            contents = try SpoolFileReader(
                maxFileBytes: configuration.maxFileBytes, maxDecompressedBytes: configuration.maxDecompressedBytes
            ).read(path: claim.path, kind: kind)
        } catch {
            return await fail(claim, runID: runID, failures: [error], loaded: [], logger: logger)
        }
        let decodeTime = clock.now - readStart
        var loaded: [LoadedBatch] = []
        var failures: [SpoolFailure] = []
        // Frames that did not decode are reported in file order among the batches' outcomes.
        var undecoded = contents.failures[...]
        func recordUndecoded(before frame: Int) async {
            while let failure = undecoded.first, (failure.frame ?? 0) < frame {
                failures.append(failure)
                undecoded.removeFirst()
                await events.failed(failure, file: claim.name, tenant: nil, tag: nil, logger: logger)
            }
        }
        for spoolBatch in contents.batches {
            await recordUndecoded(before: spoolBatch.frame)
            var batchLogger = logger
            batchLogger[metadataKey: "batch_tag"] = "\(spoolBatch.batch.tag)"
            batchLogger[metadataKey: "zg.tenant"] = "\(spoolBatch.batch.tenant)"
            switch await load(spoolBatch, file: claim.name, runID: runID, decodeTime: decodeTime, logger: batchLogger) {
            case .loaded(let batch):
                loaded.append(batch)
            case .failed(var failure):
                if case .segment = kind {
                    failure.frame = failure.frame ?? spoolBatch.frame
                    failure.byteOffset = failure.byteOffset ?? spoolBatch.byteOffset
                }
                failures.append(failure)
                await events.failed(
                    failure, file: claim.name, tenant: spoolBatch.batch.tenant, tag: spoolBatch.batch.tag,
                    logger: batchLogger)
            case .transient(var failure):
                if case .segment = kind { failure.frame = failure.frame ?? spoolBatch.frame }
                return retry(claim, failure: failure, loaded: loaded, logger: batchLogger)
            }
        }
        await recordUndecoded(before: Int.max)
        guard failures.isEmpty else {
            return finish(claim, to: .failed, runID: runID, failures: failures, loaded: loaded, logger: logger)
        }
        return finish(claim, to: .archive, runID: runID, failures: [], loaded: loaded, logger: logger)
    }

    private enum BatchOutcome {
        case loaded(LoadedBatch)
        case failed(SpoolFailure)
        case transient(SpoolFailure)
    }

    private func load(
        _ spoolBatch: SpoolBatch, file: String, runID: String, decodeTime: Duration, logger: Logger
    ) async -> BatchOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let received = spoolBatch.batch
        var loader = BatchLoader(logger: logger, role: "zenglow_ingest", embedder: embedder)
        if fault == .duringCopy {
            let directory = directory
            loader.copyProgress = { _ in await SpoolFaultPoint.duringCopy.stall(directory: directory) }
        }
        do {
            let (batch, findings) = try PIIScanner(mode: configuration.piiMode).scan(received)
            let scanned = clock.now
            let prepared = try await loader.prepare(batch)
            let embeddedAt = clock.now
            let result = try await configuration.database.url.withConnection(
                applicationName: "zenglow-spool", logger: logger
            ) { connection in
                try await loader.load(prepared, on: connection)
            }
            let loadedAt = clock.now
            if fault == .afterCommit { await fault?.stall(directory: directory) }
            let milliseconds = { (duration: Duration) in Double(duration / .microseconds(1)) / 1000 }
            logger.info(
                result.resubmitted ? "batch loaded before: nothing changed" : "batch loaded",
                metadata: [
                    "zg.state": "\(result.state)", "zg.accepted": "\(result.accepted)",
                    "zg.rejected": "\(result.rejected)",
                    "zg.embedded": "\(result.embedded)", "zg.duration_ms": "\(Int(milliseconds(loadedAt - start)))",
                ])
            await events.loaded(
                LoadedBatchReport(
                    runID: runID, file: file, frame: spoolBatch.frame, batch: batch, result: result, findings: findings,
                    durations: [
                        "decode": milliseconds(decodeTime), "pii": milliseconds(scanned - start),
                        "embed": milliseconds(embeddedAt - scanned), "load": milliseconds(loadedAt - embeddedAt),
                        "total": milliseconds(loadedAt - start),
                    ]), logger: logger)
            return .loaded(LoadedBatch(frame: spoolBatch.frame, tenant: batch.tenant, result: result, tag: batch.tag))
        } catch {
            let (failure, transient) = SpoolFailure.classify(error, batch: received)
            logger.warning(
                "batch not loaded",
                metadata: [
                    "zg.reason": "\(failure.code.rawValue)", "zg.error": "\(failure.message)",
                    "zg.transient": "\(transient)",
                ])
            return transient ? .transient(failure) : .failed(failure)
        }
    }

    private func retry(
        _ claim: SpoolClaim, failure: SpoolFailure, loaded: [LoadedBatch], logger: Logger
    ) -> SpoolFileOutcome {
        let delay = configuration.retryDelay(afterAttempt: claim.attempt)
        let ledger = AttemptLedger(directory: directory.stateDirectory)
        do {
            try ledger.recordRetry(
                claim.name, notBefore: Date().addingTimeInterval(Double(delay / .milliseconds(1)) / 1000),
                reason: failure.code.rawValue, message: failure.message)
            let name = try claim.finish(to: .incoming)
            logger.warning(
                "file put back after a transient failure",
                metadata: [
                    "zg.reason": "\(failure.code.rawValue)", "zg.attempt": "\(claim.attempt)",
                    "zg.retry_in_ms": "\(Int(delay / .milliseconds(1)))",
                ])
            return SpoolFileOutcome(
                file: claim.name, finalName: name, disposition: .retried, batches: loaded, failures: [],
                transient: failure, attempt: claim.attempt)
        } catch {
            // It stays in processing/, unlocked once this claim is dropped: the next run reclaims it.
            logger.error("cannot put a file back into incoming/", metadata: ["zg.error": "\(error)"])
            return SpoolFileOutcome(
                file: claim.name, finalName: claim.name, disposition: .retried, batches: loaded, failures: [],
                transient: failure, attempt: claim.attempt)
        }
    }

    private func fail(
        _ claim: SpoolClaim, runID: String, failures: [SpoolFailure], loaded: [LoadedBatch], logger: Logger
    ) async -> SpoolFileOutcome {
        for failure in failures {
            await events.failed(failure, file: claim.name, tenant: nil, tag: nil, logger: logger)
        }
        return finish(claim, to: .failed, runID: runID, failures: failures, loaded: loaded, logger: logger)
    }

    private func finish(
        _ claim: SpoolClaim, to folder: SpoolFolder, runID: String, failures: [SpoolFailure], loaded: [LoadedBatch],
        logger: Logger
    ) -> SpoolFileOutcome {
        do {
            if folder == .failed {
                // The reason file is written first: a file in failed/ always has one.
                try SpoolReasonFile(
                    file: claim.name, failures: failures, attempts: claim.attempt, runID: runID,
                    loadedBatches: loaded.map(\.tag)
                ).write(to: directory.path(.failed, "\(claim.name).reason.json"))
            }
            let name = try claim.finish(to: folder)
            if folder == .failed && name != claim.name {
                try? FileManager.default.moveItem(
                    atPath: directory.path(.failed, "\(claim.name).reason.json"),
                    toPath: directory.path(.failed, "\(name).reason.json"))
            }
            AttemptLedger(directory: directory.stateDirectory).forget(claim.name)
            for failure in failures { metrics.rejected(reason: failure.code.rawValue) }
            logger.info(
                folder == .archive ? "file archived" : "file failed",
                metadata: [
                    "zg.batches": "\(loaded.count)", "zg.failures": "\(failures.count)",
                    "zg.reason": "\(failures.first?.code.rawValue ?? "success")",
                ])
            return SpoolFileOutcome(
                file: claim.name, finalName: name, disposition: folder == .archive ? .archived : .failed,
                batches: loaded, failures: failures, transient: nil, attempt: claim.attempt)
        } catch {
            logger.error("cannot move a processed file", metadata: ["zg.error": "\(error)"])
            return SpoolFileOutcome(
                file: claim.name, finalName: claim.name, disposition: .retried, batches: loaded, failures: failures,
                transient: SpoolFailure(.unreadable, "\(error)"), attempt: claim.attempt)
        }
    }
}

/// The last transient failure a ledger entry remembers, as a clause for a message.
enum ClaimLedgerText {
    static func last(_ entry: AttemptLedger.Entry?) -> String {
        guard let entry, let reason = entry.lastReason else { return "" }
        return "; the last failure: \(reason): \(entry.lastMessage ?? "")"
    }
}
