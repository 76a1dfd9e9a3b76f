import Foundation
import Logging
import Tracing
import ZenGlowEmbedding

/// Runs the spool: one run claims orphans and every ready file, and keeps claiming until
/// `incoming/` holds nothing ready (a run drains what is there), announcing itself to the gate with
/// `gate.open` before the first file and `gate.done` with the reason after the last.
public struct SpoolRunner: Sendable {
    public let configuration: SpoolConfiguration
    public let metrics: SpoolMetrics
    public let gate: GateNotifier
    let processor: SpoolProcessor
    let claimer: SpoolClaimer
    let logger: Logger

    public init(
        configuration: SpoolConfiguration, embedder: (any TextEmbedder)?, metrics: SpoolMetrics, gate: GateNotifier,
        logger: Logger, fault: SpoolFaultPoint? = nil
    ) throws {
        try configuration.directory.check()
        self.configuration = configuration
        self.metrics = metrics
        self.gate = gate
        self.logger = logger
        let events = SpoolEventRecorder(
            configuration: configuration, metrics: metrics,
            summaries: SummaryWriter(directory: configuration.reportDirectory),
            failureLog: try FailureLog(path: configuration.failureLog))
        processor = SpoolProcessor(
            configuration: configuration, embedder: embedder, metrics: metrics, events: events, logger: logger,
            fault: fault)
        claimer = SpoolClaimer(directory: configuration.directory)
    }

    /// Files ready to claim now (orphans not counted).
    public func ready() -> [SpoolEntry] { claimer.ready() }

    /// True when `processing/` holds a file whose worker is gone.
    public func hasOrphans() -> Bool { claimer.hasOrphans() }

    /// One run; nil when there was nothing to claim. `progress` hears of each file as it ends; once
    /// `shouldStop` says so, the run ends after the file in hand (the rest wait in incoming/).
    /// `gate.open` goes out with the first claim, so a run that claims nothing announces nothing.
    public func run(
        progress: @Sendable (SpoolFileOutcome) -> Void = { _ in },
        shouldStop: @Sendable () -> Bool = { Task.isCancelled }
    ) async throws -> SpoolRunReport? {
        // The `spool.run` span; each file's `spool.file` span is its child.
        try await withSpan("spool.run") { span in
            let report = try await drain(progress: progress, shouldStop: shouldStop)
            span.attributes["zg.spool.run_id"] = report?.runID
            span.attributes["zg.spool.files"] = report?.files.count ?? 0
            return report
        }
    }

    private func drain(
        progress: @Sendable (SpoolFileOutcome) -> Void, shouldStop: @Sendable () -> Bool
    ) async throws -> SpoolRunReport? {
        let clock = ContinuousClock()
        let start = clock.now
        let startedAt = Date()
        let runID = Self.makeRunID(startedAt)
        var logger = logger
        logger[metadataKey: "zg.run"] = "\(runID)"
        var outcomes: [SpoolFileOutcome] = []
        var opened = false
        var alerted = false
        func open(listing names: [String], reclaimed: Int) async {
            guard !opened else { return }
            opened = true
            logger.info("run opened", metadata: ["zg.files": "\(names.count)", "zg.reclaimed": "\(reclaimed)"])
            await gate.send(
                GateEvent(
                    event: .open, runID: runID, files: names, batchTags: [], counts: GateCounts(files: names.count),
                    startedAt: startedAt))
        }
        func record(_ outcome: SpoolFileOutcome) {
            outcomes.append(outcome)
            progress(outcome)
            if !alerted,
                !outcome.failures.isEmpty || outcome.transient != nil || outcome.batches.contains(where: \.healed)
            {
                alerted = true
                let reason = SpoolRunReport(runID: runID, startedAt: startedAt, duration: .zero, files: [outcome])
                    .reason
                metrics.alert(reason: reason)
                logger.warning("the run's first failure", metadata: ["zg.reason": "\(reason.rawValue)"])
            }
        }
        let orphans = try claimer.reclaimOrphans()
        if !orphans.isEmpty {
            await open(listing: orphans.map(\.name) + claimer.ready().map(\.name), reclaimed: orphans.count)
        }
        for claim in orphans {
            logger.warning("reclaimed a file its worker left in processing/", metadata: ["zg.file": "\(claim.name)"])
            record(await processor.process(claim, runID: runID))
        }
        var tried: Set<String> = []
        var ready = shouldStop() ? [] : claimer.ready()
        let processor = processor
        // Up to SPOOL_CONCURRENCY files at once: each batch is its own transaction, and small ones
        // spend most of their time waiting on the database, which a second file's work overlaps.
        try await withThrowingTaskGroup(of: SpoolFileOutcome.self) { group in
            var running = 0
            while !ready.isEmpty || running > 0 {
                for entry in ready where !tried.contains(entry.name) {
                    // A free slot first: a file is claimed only when it can be worked on at once.
                    if running >= configuration.concurrency, let outcome = try await group.next() {
                        running -= 1
                        record(outcome)
                    }
                    if shouldStop() { break }
                    tried.insert(entry.name)
                    switch try claimer.claim(entry.name) {
                    case .claimed(let claim):
                        await open(listing: ready.map(\.name), reclaimed: 0)
                        group.addTask { await processor.process(claim, runID: runID) }
                        running += 1
                    case .unopenable(let reason):
                        await open(listing: ready.map(\.name), reclaimed: 0)
                        if let outcome = await processor.refuseUnopenable(entry.name, reason: reason, runID: runID) {
                            record(outcome)
                        }
                    case .notNow:
                        continue
                    }
                }
                // Files that arrived meanwhile belong to this run; files put back wait for their back-off.
                ready = shouldStop() ? [] : claimer.ready().filter { !tried.contains($0.name) }
                if ready.isEmpty, running > 0, let outcome = try await group.next() {
                    running -= 1
                    record(outcome)
                    ready = shouldStop() ? [] : claimer.ready().filter { !tried.contains($0.name) }
                }
            }
        }
        updateFileGauges()
        guard opened else { return nil }
        let report = SpoolRunReport(runID: runID, startedAt: startedAt, duration: clock.now - start, files: outcomes)
        let counts = report.counts
        let fallback = outcomes.flatMap(\.batches).reduce(0) {
            $0 + Int($1.result.embedded) + ($1.healed ? Int($1.result.accepted) : 0)
        }
        metrics.runFinished(
            duration: report.duration, reason: report.reason, chunks: counts.chunksAccepted, fallbackChunks: fallback)
        await gate.send(
            GateEvent(
                event: .done, runID: runID, files: outcomes.map(\.file),
                batchTags: outcomes.flatMap { $0.batches.map(\.tag) }, counts: counts, reason: report.reason,
                startedAt: startedAt, finishedAt: Date()))
        logger.info(
            "run done",
            metadata: [
                "zg.reason": "\(report.reason.rawValue)", "zg.files": "\(outcomes.count)",
                "zg.batches": "\(counts.batches)",
                "zg.duration_ms": "\(Int(report.duration.milliseconds))",
            ])
        return report
    }

    func updateFileGauges() {
        let counts = configuration.directory.counts()
        metrics.files(
            incoming: counts[.incoming, default: 0], processing: counts[.processing, default: 0],
            archive: counts[.archive, default: 0],
            failed: configuration.directory.files(in: .failed).filter { !$0.name.hasSuffix(".reason.json") }.count)
    }

    /// `run-20261201T153000Z-1a2b3c4d`: sortable, unique enough across workers.
    static func makeRunID(_ date: Date) -> String {
        let stamp = date.formatted(
            .iso8601.year().month().day().dateTimeSeparator(.standard).time(includingFractionalSeconds: false)
        )
        .replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        return "run-\(stamp)-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }
}
