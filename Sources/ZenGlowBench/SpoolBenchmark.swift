import Foundation
import Logging
import ZenGlowDB
import ZenGlowIngest
import ZenGlowSpool

/// `zenglow bench spool`: the spool pipeline measured against its peers, each part on fresh
/// databases of the same server, with `zenglow spool …` children of this very executable:
///
/// 1. spool files of chunks with embeddings through `spool process`, against a plain psql `\copy`
///    of the same rows into the same table (`zenglow.chunks`: same partitions, indexes,
///    constraints), alternating rounds; chunks/s, their ratio, the worker's peak RSS;
/// 2. streaming: a `spool run` worker and producers `spool append` fed one-chunk batches at a
///    steady rate; latency from writing a line to the batch's commit notification, and a count check;
/// 3. text-only chunks through `spool process`, embedded by the worker; chunks/s and where the
///    time goes (the batch summaries' durations).
public struct SpoolBenchmark: Sendable {
    public struct Options: Sendable {
        public enum Part: String, CaseIterable, Sendable { case copy, stream, text }

        public var parts: [Part] = Part.allCases
        public var chunks = 10_000
        public var chunksPerFile = 1000
        public var rounds = 2
        public var streamSeconds = 60.0
        public var producers = 3
        public var rate = 5.0
        public var sealAge = 0.25
        public var maxWait = 1.0
        public var minFiles = 100
        public var textChunks = 2000
        public var root: String
        public var server: DatabaseURL
        public var binDirectory: String
        public var modelDirectory: String
        /// The `zenglow` executable the children run (this process's own by default).
        public var executable: String
        public var keep = false

        public init(
            root: String, server: DatabaseURL, binDirectory: String, modelDirectory: String, executable: String
        ) {
            self.root = root
            self.server = server
            self.binDirectory = binDirectory
            self.modelDirectory = modelDirectory
            self.executable = executable
        }
    }

    public let options: Options
    public let logger: Logger
    let corpus = SyntheticCorpus()
    static let tenant = "bench"

    public init(options: Options, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    public func run(report: @Sendable (String) -> Void) async throws {
        let scratch = NSTemporaryDirectory() + "zenglow-bench-spool-\(getpid())"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { if !options.keep { try? FileManager.default.removeItem(atPath: scratch) } }
        let probe = try await SpoolBenchDatabase.create(
            "zenglow_bench_spool_probe", server: options.server, root: options.root, tenant: Self.tenant,
            logger: logger)
        let version = try await probe.value("show server_version")
        try await probe.drop()
        report(
            "PostgreSQL \(version), \(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(Self.loadAverage()); worker \(options.executable)"
        )
        if options.keep { report("scratch folder (kept): \(scratch)") }
        var results = SpoolBenchResults()
        for part in options.parts {
            let watch = Stopwatch()
            let sampler = SpoolLoadSampler()
            let sampling = Task { await sampler.sample() }
            defer { sampling.cancel() }
            switch part {
            case .copy:
                report(
                    "[copy] \(options.chunks) chunks with 384-d embeddings, files of \(options.chunksPerFile), \(options.rounds) rounds of COPY then spool, a fresh database each"
                )
                results.copy = try await spoolVersusCopy(scratch: scratch, report: report)
            case .stream:
                report(
                    String(
                        format:
                            "[stream] %d producers × %.1f messages/s for %.0f s; seal age %.2f s; SPOOL_MAX_WAIT %.1f s, SPOOL_MIN_FILES %d",
                        options.producers, options.rate, options.streamSeconds, options.sealAge, options.maxWait,
                        options.minFiles))
                results.stream = try await streaming(scratch: scratch, report: report)
            case .text:
                report(
                    "[text] \(options.textChunks) text-only chunks, files of \(options.chunksPerFile), embedded by the worker"
                )
                results.text = try await textOnly(scratch: scratch, report: report)
            }
            sampling.cancel()
            report(
                String(
                    format:
                        "[%@] done in %.1f s (1-min load average at most %.2f while it ran, its own processes included)",
                    part.rawValue, watch.seconds, sampler.highest))
        }
        report("")
        for line in results.table(options) { report(line) }
    }

    // MARK: shared by the parts

    /// A fresh spool folder under `scratch` and the environment a worker on it and `database` runs with.
    func spool(_ name: String, scratch: String, database: SpoolBenchDatabase) throws -> (
        directory: SpoolDirectory, environment: [String: String]
    ) {
        let directory = SpoolDirectory(root: "\(scratch)/\(name)")
        try directory.initialize()
        let environment = [
            "DATABASE_URL": database.environmentText, "SPOOL_DIR": directory.root,
            "EMBED_MODEL_DIR": options.modelDirectory,
            "SPOOL_METRICS_PORT": "0", "SPOOL_REPORT_DIR": "\(directory.root)/reports",
            "SPOOL_FAILURE_LOG": "\(directory.root)/failures.jsonl", "GATE_URL": "",
        ]
        return (directory, environment)
    }

    /// Starts `zenglow ARGUMENTS` with its logs in `scratch`.
    func child(
        _ name: String, _ arguments: [String], environment: [String: String], scratch: String, withInput: Bool = false
    ) throws -> SpoolChildProcess {
        try SpoolChildProcess(
            name: name, executable: options.executable, arguments: arguments + ["--env-file", "/nonexistent/.env"],
            environment: environment, logFolder: scratch, withInput: withInput)
    }

    /// Publishes `count` chunks from `start` as single-batch `.msgpack` files of `chunksPerFile` by
    /// the maildir rule (untimed: this is the producers' work, not the worker's).
    func publish(
        _ directory: SpoolDirectory, tag: String, start: Int, count: Int, textOnly: Bool
    ) throws -> Int {
        let publisher = SpoolPublisher(directory: directory)
        var files = 0
        for offset in stride(from: start, to: start + count, by: options.chunksPerFile) {
            let batch = corpus.batch(
                tenant: Self.tenant, tag: "\(tag)-\(offset)", start: offset,
                count: min(options.chunksPerFile, start + count - offset))
            let bytes = MessagePackEncoder.encode(SpoolBenchFiles.messagePack(batch, textOnly: textOnly))
            _ = try publisher.publish(bytes: bytes, name: "\(tag)-\(String(format: "%07d", offset)).msgpack")
            files += 1
        }
        return files
    }

    /// The folder's file counts as `incoming 0, processing 0, archive 10, failed 0`.
    static func folderCounts(_ directory: SpoolDirectory) -> [SpoolFolder: Int] {
        var counts: [SpoolFolder: Int] = [:]
        for folder in SpoolFolder.allCases {
            counts[folder] = directory.files(in: folder).filter { !$0.name.hasSuffix(".reason.json") }.count
        }
        return counts
    }

    static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1_048_576) }
}
