import Foundation
import Logging
import PostgresNIO
import Tracing
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
    let logger: Logger
    let fault: SpoolFaultPoint?

    var directory: SpoolDirectory { configuration.directory }
    var ledger: AttemptLedger { AttemptLedger(directory: directory.stateDirectory) }

    /// A permanent failure and the batch it concerns, recorded (failure log, audit, `/events`)
    /// once the file's fate is final, so that a file retried after a transient failure does not
    /// record its bad frames again on every attempt.
    private struct Refusal {
        let failure: SpoolFailure
        let tenant: String?
        let tag: String?
    }

    func process(_ claim: SpoolClaim, runID: String) async -> SpoolFileOutcome {
        await withSpan("spool.file") { span in
            let outcome = await processClaimed(claim, runID: runID)
            span.attributes["zg.spool.file"] = claim.name
            span.attributes["zg.spool.disposition"] = "\(outcome.disposition)"
            span.attributes["zg.spool.batches"] = outcome.batches.count
            if outcome.disposition == .failed { span.setStatus(SpanStatus(code: .error)) }
            return outcome
        }
    }

    private func processClaimed(_ claim: SpoolClaim, runID: String) async -> SpoolFileOutcome {
        var logger = logger
        logger[metadataKey: "zg.file"] = "\(claim.name)"
        if fault == .afterClaim { await fault?.stall(directory: directory) }
        if claim.attempt > configuration.maxAttempts {
            // Claimed again and again without an outcome: it kills its worker.
            let failure = SpoolFailure(
                .maxAttempts,
                "claimed \(claim.attempt) times, more than SPOOL_MAX_ATTEMPTS=\(configuration.maxAttempts)\(ledger.lastFailure(claim.name))"
            )
            return await finish(
                claim, runID: runID, refusals: [Refusal(failure: failure, tenant: nil, tag: nil)], loaded: [],
                logger: logger)
        }
        guard case .spoolFile(let kind) = SpoolFileKind.recognize(claim.name) else {
            let failure = SpoolFailure(
                .unknownFormat, "spool files end in .msgpack, .msgpack.zst, .segment or .segment.zst")
            return await finish(
                claim, runID: runID, refusals: [Refusal(failure: failure, tenant: nil, tag: nil)], loaded: [],
                logger: logger)
        }
        let clock = ContinuousClock()
        let readStart = clock.now
        let contents: SpoolFileReader.Contents
        do {
            contents = try configuration.fileReader.read(path: claim.path, kind: kind)
        } catch {
            return await finish(
                claim, runID: runID, refusals: [Refusal(failure: error, tenant: nil, tag: nil)], loaded: [],
                logger: logger)
        }
        let decodeTime = clock.now - readStart
        var loaded: [LoadedBatch] = []
        var refusals: [Refusal] = []
        // Frames that did not decode are reported in file order among the batches' outcomes.
        var undecoded = contents.failures[...]
        for spoolBatch in contents.batches {
            while let failure = undecoded.first, (failure.frame ?? 0) < spoolBatch.frame {
                refusals.append(Refusal(failure: failure, tenant: nil, tag: nil))
                undecoded.removeFirst()
            }
            var batchLogger = logger
            batchLogger[metadataKey: "batch_tag"] = "\(spoolBatch.batch.tag)"
            batchLogger[metadataKey: "zg.tenant"] = "\(spoolBatch.batch.tenant)"
            let place = { (failure: SpoolFailure) -> SpoolFailure in
                guard case .segment = kind else { return failure }
                var placed = failure
                placed.frame = placed.frame ?? spoolBatch.frame
                placed.byteOffset = placed.byteOffset ?? spoolBatch.byteOffset
                return placed
            }
            switch await load(spoolBatch, file: claim.name, runID: runID, decodeTime: decodeTime, logger: batchLogger) {
            case .loaded(let batch):
                loaded.append(batch)
            case .failed(let failure):
                refusals.append(
                    Refusal(failure: place(failure), tenant: spoolBatch.batch.tenant, tag: spoolBatch.batch.tag))
            case .transient(let failure):
                guard claim.attempt >= configuration.maxAttempts else {
                    return retry(claim, failure: place(failure), loaded: loaded, logger: batchLogger)
                }
                // The last attempt: the transient failure is the file's reason (partition_missing, database…).
                var final = place(failure)
                final.message += " (after \(claim.attempt) attempts, SPOOL_MAX_ATTEMPTS=\(configuration.maxAttempts))"
                refusals.append(Refusal(failure: final, tenant: spoolBatch.batch.tenant, tag: spoolBatch.batch.tag))
                return await finish(claim, runID: runID, refusals: refusals, loaded: loaded, logger: logger)
            }
        }
        refusals += undecoded.map { Refusal(failure: $0, tenant: nil, tag: nil) }
        return await finish(claim, runID: runID, refusals: refusals, loaded: loaded, logger: logger)
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
            let (result, healed) = try await configuration.database.url.withConnection(
                applicationName: "zenglow-spool", logger: logger
            ) { connection in
                let result = try await loader.load(prepared, on: connection)
                let loadedAt = clock.now
                if fault == .afterCommit { await fault?.stall(directory: directory) }
                logger.info(
                    result.resubmitted ? "batch loaded before: nothing changed" : "batch loaded",
                    metadata: [
                        "zg.state": "\(result.state)", "zg.accepted": "\(result.accepted)",
                        "zg.rejected": "\(result.rejected)", "zg.embedded": "\(result.embedded)",
                        "zg.duration_ms": "\(Int((loadedAt - start).milliseconds))",
                    ])
                let healed = await events.loaded(
                    LoadedBatchReport(
                        runID: runID, file: file, frame: spoolBatch.frame, batch: batch, result: result,
                        findings: findings,
                        durations: [
                            "decode": decodeTime.milliseconds, "pii": (scanned - start).milliseconds,
                            "embed": (embeddedAt - scanned).milliseconds, "load": (loadedAt - embeddedAt).milliseconds,
                            "total": (loadedAt - start).milliseconds,
                        ]), on: connection, logger: logger)
                return (result, healed)
            }
            return .loaded(
                LoadedBatch(
                    frame: spoolBatch.frame, tenant: batch.tenant, result: result, tag: batch.tag, healed: healed))
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
        do {
            try ledger.recordRetry(
                claim.name, notBefore: Date().addingTimeInterval(delay.milliseconds / 1000),
                reason: failure.code.rawValue, message: failure.message)
            let name = try claim.finish(to: .incoming)
            ledger.move(claim.name, to: name)
            logger.warning(
                "file put back after a transient failure",
                metadata: [
                    "zg.reason": "\(failure.code.rawValue)", "zg.attempt": "\(claim.attempt)",
                    "zg.retry_in_ms": "\(Int(delay.milliseconds))",
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

    /// Archives the file, or, with refusals, moves it to `failed/` beside its reason file and
    /// records each refusal.
    private func finish(
        _ claim: SpoolClaim, runID: String, refusals: [Refusal], loaded: [LoadedBatch], logger: Logger
    ) async -> SpoolFileOutcome {
        let failures = refusals.map(\.failure)
        let folder: SpoolFolder = failures.isEmpty ? .archive : .failed
        let name: String
        do {
            name = try claim.finish(
                to: folder,
                sidecar: failures.isEmpty
                    ? nil
                    : { candidate in
                        let path = directory.path(.failed, "\(candidate).reason.json")
                        try SpoolReasonFile(
                            file: claim.name, failures: failures, attempts: claim.attempt, runID: runID,
                            loadedBatches: loaded.map(\.tag)
                        ).write(to: path)
                        return path
                    })
        } catch {
            logger.error("cannot move a processed file", metadata: ["zg.error": "\(error)"])
            return SpoolFileOutcome(
                file: claim.name, finalName: claim.name, disposition: .retried, batches: loaded, failures: failures,
                transient: SpoolFailure(.unreadable, "cannot move it to \(folder.rawValue)/: \(error)"),
                attempt: claim.attempt)
        }
        ledger.forget(claim.name)
        for refusal in refusals {
            metrics.rejected(reason: refusal.failure.code.rawValue)
            await events.failed(refusal.failure, file: name, tenant: refusal.tenant, tag: refusal.tag, logger: logger)
        }
        logger.info(
            folder == .archive ? "file archived" : "file failed",
            metadata: [
                "zg.batches": "\(loaded.count)", "zg.failures": "\(failures.count)",
                "zg.reason": "\(failures.first?.code.rawValue ?? "success")",
            ])
        return SpoolFileOutcome(
            file: claim.name, finalName: name, disposition: folder == .archive ? .archived : .failed,
            batches: loaded, failures: failures, transient: nil, attempt: claim.attempt)
    }

    /// A file in `incoming/` that cannot even be opened (its permissions) cannot be locked, so it
    /// is never claimed: it goes straight to `failed/` as `unreadable`, where an operator sees it.
    func refuseUnopenable(_ name: String, reason: String, runID: String) async -> SpoolFileOutcome? {
        let failure = SpoolFailure(.unreadable, reason)
        var logger = logger
        logger[metadataKey: "zg.file"] = "\(name)"
        for attempt in 1...1000 {
            let candidate = attempt == 1 ? name : FileMove.variant(of: name, number: attempt)
            let sidecar = directory.path(.failed, "\(candidate).reason.json")
            if FileManager.default.fileExists(atPath: directory.path(.failed, candidate)) { continue }
            do {
                try SpoolReasonFile(file: name, failures: [failure], attempts: 0, runID: runID, loadedBatches: [])
                    .write(to: sidecar)
                switch try FileMove.rename(directory.path(.incoming, name), to: directory.path(.failed, candidate)) {
                case .moved:
                    FileMove.syncDirectory(directory.path(.failed))
                    metrics.rejected(reason: failure.code.rawValue)
                    await events.failed(failure, file: candidate, tenant: nil, tag: nil, logger: logger)
                    return SpoolFileOutcome(
                        file: name, finalName: candidate, disposition: .failed, batches: [], failures: [failure],
                        transient: nil, attempt: 0)
                case .sourceGone:
                    unlink(sidecar)
                    return nil
                case .targetExists:
                    unlink(sidecar)
                }
            } catch {
                logger.error("cannot move an unreadable file to failed/", metadata: ["zg.error": "\(error)"])
                return nil
            }
        }
        return nil
    }
}

extension Duration {
    /// Milliseconds, with their fraction.
    var milliseconds: Double { Double(self / .microseconds(1)) / 1000 }
}
