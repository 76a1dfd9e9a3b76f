import Foundation
import Logging
import PostgresNIO
import ZenGlowDB
import ZenGlowSpool

#if canImport(Glibc)
    import Glibc
#endif

/// Part 2 of `bench spool`: one `spool run` worker, P `spool append` producers each fed a
/// one-chunk batch every 1/rate s; latency from writing the line to the batch's commit
/// notification; every message counted in and out.
struct SpoolStreamResult: Sendable {
    var sent = 0
    var warmUp = 0
    var loadedBatches = 0
    var loadedChunks = 0
    var distinctDocuments = 0
    var announced = 0
    var repeatedAnnouncements = 0
    var segments = 0
    var failedFiles = 0
    /// Milliseconds, one per message announced.
    var latencies: [Double] = []
    var workerPeakRSS = 0
    var searchable = 0
    var searchChecked = 0
    var drainSeconds = 0.0
    /// Files still in incoming/ or processing/ when the worker was stopped.
    var leftWaiting = 0
    var stages: SpoolStageTimes?
    /// Batches and seconds of the worker's runs (its "run done" log lines): its rate while busy.
    var busyBatches = 0
    var busySeconds = 0.0

    var lost: Int { sent - latencies.count }
    var doubled: Int { loadedChunks - distinctDocuments + repeatedAnnouncements + max(0, loadedBatches - sent) }
    var summary: LatencySummary { LatencySummary(clients: 1, latencies: latencies, seconds: 1) }
    var maximum: Double { latencies.max() ?? 0 }
}

extension SpoolBenchmark {
    func streaming(scratch: String, report: @Sendable (String) -> Void) async throws -> SpoolStreamResult {
        // A producer whose input is closed early must not kill the benchmark with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let database = try await SpoolBenchDatabase.create(
            "zenglow_bench_spool_stream", server: options.server, root: options.root, tenant: Self.tenant,
            logger: logger)
        let setup = try spool("stream", scratch: scratch, database: database)
        let directory = setup.directory
        var environment = setup.environment
        environment["SPOOL_MAX_WAIT"] = "\(options.maxWait)"
        environment["SPOOL_MIN_FILES"] = "\(options.minFiles)"
        let perProducer = max(1, Int((options.streamSeconds * options.rate).rounded()))
        // Every line made before the clock starts; each message is its own tag and document.
        let lines: [[(tag: String, line: [UInt8])]] = (1...options.producers).map { producer in
            (0..<perProducer).map { index in
                let tag = "stream-p\(producer)-\(index)"
                let chunk = corpus.chunk(1_000_000 * producer + index)
                let text = "zgp\(producer)m\(index) " + chunk.text
                return (
                    tag, SpoolBenchFiles.jsonLine(tenant: Self.tenant, tag: tag, text: text, embedding: chunk.embedding)
                )
            }
        }
        let log = SpoolManifestLog()
        var result = SpoolStreamResult(sent: perProducer * options.producers, warmUp: options.producers)
        var sentAt: [String: ContinuousClock.Instant] = [:]

        try await database.withConnection { connection in
            try await connection.listen(on: SpoolManifestLog.channel) { notifications in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await log.consume(notifications) }
                    defer { group.cancelAll() }
                    let worker = try child("stream-run", ["spool", "run"], environment: environment, scratch: scratch)
                    let producers = try (1...options.producers).map { producer in
                        try child(
                            "stream-append-p\(producer)",
                            ["spool", "append", "--stream", "p\(producer)", "--max-age", "\(options.sealAge)"],
                            environment: environment, scratch: scratch, withInput: true)
                    }
                    do {
                        // Warm-up: one message per producer, through to the database, before the clock runs.
                        let warmWatch = Stopwatch()
                        for (index, producer) in producers.enumerated() {
                            let chunk = corpus.chunk(999_000 + index)
                            try producer.write(
                                SpoolBenchFiles.jsonLine(
                                    tenant: Self.tenant, tag: "warmup-p\(index + 1)", text: chunk.text,
                                    embedding: chunk.embedding))
                        }
                        guard await log.waitFor(options.producers, within: 300) else {
                            throw BenchError("the warm-up messages were not loaded in 300 s: \(worker.errorTail())")
                        }
                        report(
                            String(
                                format:
                                    "[stream] warm-up: worker and %d producers up, first batches searchable after %.1f s",
                                options.producers, warmWatch.seconds))

                        // The stream: producer p's message n at n/rate, producers spread over the period.
                        let period = 1 / options.rate
                        var schedule: [(at: Double, producer: Int, index: Int)] = []
                        for producer in 0..<options.producers {
                            for index in 0..<perProducer {
                                schedule.append(
                                    (
                                        Double(index) * period + Double(producer) * period / Double(options.producers),
                                        producer, index
                                    ))
                            }
                        }
                        schedule.sort { $0.at < $1.at }
                        let start = ContinuousClock.now
                        var nextReport = 10.0
                        for event in schedule {
                            let due = start + .microseconds(Int64(event.at * 1e6))
                            if due > .now { try await Task.sleep(until: due, clock: .continuous) }
                            let message = lines[event.producer][event.index]
                            sentAt[message.tag] = .now
                            try producers[event.producer].write(message.line)
                            if event.at >= nextReport {
                                report(
                                    String(
                                        format: "[stream] %3.0f s: %d sent, %d searchable",
                                        event.at, sentAt.count, log.count - options.producers))
                                nextReport += 10
                            }
                        }
                        let drainWatch = Stopwatch()
                        for producer in producers { producer.closeInput() }
                        for producer in producers { _ = try await producer.waitChecked() }
                        let everything = result.sent + result.warmUp
                        // A backlog is drained however long it takes, so that the count check tells
                        // lost from late; only 30 s without any new batch ends the wait.
                        if !(await log.waitWhileProgressing(everything, stall: 30)) {
                            report(
                                "[stream] no batch for 30 s with \(log.count) of \(everything) announced; counting what came"
                            )
                        }
                        result.drainSeconds = drainWatch.seconds
                        report(
                            String(
                                format: "[stream] all %d sent; the last searchable %.1f s after the last send",
                                sentAt.count, result.drainSeconds))
                    } catch {
                        for producer in producers { producer.closeInput() }
                        worker.signal(SIGTERM)
                        _ = await worker.wait()
                        throw error
                    }
                    worker.signal(SIGTERM)
                    let workerExit = await worker.wait()
                    guard workerExit.status == 0 else {
                        throw BenchError("spool run exited \(workerExit.status): \(worker.errorTail())")
                    }
                    result.workerPeakRSS = workerExit.peakRSS
                    (result.busyBatches, result.busySeconds) = Self.runTotals(worker.errorPath)
                    try await database.withConnection { other in
                        try await other.execute(
                            "select pg_notify(\(SpoolManifestLog.channel), \(SpoolManifestLog.endPayload))",
                            logger: logger)
                    }
                    try await group.next()
                }
            }
        }

        // The count check and the latencies, from the manifests (as the superuser: every tenant).
        let announced = log.times
        result.announced = announced.count
        result.repeatedAnnouncements = log.repeated
        var tagToID: [String: Int64] = [:]
        try await database.withConnection { connection in
            let rows = try await connection.query(
                "select batch_tag, batch_id from zenglow.batches where state in ('done', 'healed') and batch_tag like 'stream-%'",
                logger: logger)
            for try await (tag, id) in rows.decode((String, Int64).self) { tagToID[tag] = id }
            let chunks = try await connection.query(
                "select count(*)::int, count(distinct document_id)::int from zenglow.chunks where batch_tag like 'stream-%'",
                logger: logger)
            for try await (count, distinct) in chunks.decode((Int, Int).self) {
                result.loadedChunks = count
                result.distinctDocuments = distinct
            }
        }
        result.loadedBatches = tagToID.count
        for (tag, sent) in sentAt {
            guard let id = tagToID[tag], let searchable = announced[id] else { continue }
            result.latencies.append(Double((searchable - sent) / .microseconds(1)) / 1000)
        }
        let counts = Self.folderCounts(directory)
        result.segments = counts[.archive, default: 0]
        result.failedFiles = counts[.failed, default: 0]
        result.leftWaiting = counts[.incoming, default: 0] + counts[.processing, default: 0]
        result.stages = try SpoolStageTimes(reportDirectory: "\(directory.root)/reports", tenant: Self.tenant)

        // Announced means searchable: each producer's last message is found by its own word.
        for producer in 1...options.producers {
            let word = "zgp\(producer)m\(perProducer - 1)"
            result.searchChecked += 1
            let answer = try await database.withConnection { connection in
                try await connection.withTenant(Self.tenant, role: "zenglow_app", logger: logger) { connection in
                    try await connection.ragQuery(RagQueryArguments(query: word, mode: "bm25"), logger: logger).json
                }
            }
            if answer.contains("stream-p\(producer)-\(perProducer - 1)") { result.searchable += 1 }
        }
        if !options.keep { try await database.drop() }
        return result
    }
}

extension SpoolBenchmark {
    /// Batches and seconds summed over the "run done" lines of a worker's JSON log.
    static func runTotals(_ logPath: String) -> (batches: Int, seconds: Double) {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        var batches = 0
        var milliseconds = 0.0
        for line in text.split(separator: "\n") where line.contains("\"run done\"") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                continue
            }
            batches += Int("\(object["zg.batches"] ?? 0)") ?? 0
            milliseconds += Double("\(object["zg.duration_ms"] ?? 0)") ?? 0
        }
        return (batches, milliseconds / 1000)
    }
}
