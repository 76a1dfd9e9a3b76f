import Foundation
import Logging
import PostgresNIO
import ZenGlowDB
import ZenGlowEmbedded
import ZenGlowIngest

/// `zenglow bench load`: the batch loader against a plain psql COPY of the same rows, in one run
/// on a fresh database, alternating (A B C D, A B C D, …), with where the loader's time goes,
/// then with the HNSW and GIN indexes maintained, and what rebuilding them instead costs.
public struct LoaderBenchmark: Sendable {
    public struct Options: Sendable {
        public var chunks = 50_000
        public var rounds = 2
        public var batchSize = 5000
        /// Chunks each loader variant loads with HNSW and GIN in place, after the main rounds.
        public var indexedChunks = 5000
        public var root: String
        public var server: DatabaseURL
        public var binDirectory: String
        public var keepDatabase = false

        public init(root: String, server: DatabaseURL, binDirectory: String) {
            self.root = root
            self.server = server
            self.binDirectory = binDirectory
        }
    }

    /// One way of loading the rows.
    enum Variant: String, CaseIterable {
        case plainText = "plain COPY, text (psql \\copy)"
        case plainBinary = "plain COPY, binary (psql \\copy)"
        case loaderBinary = "loader, binary staging (new)"
        case loaderText = "loader, text staging (before)"

        /// Loaders load under a tenant of their own, so both load the same documents.
        var tenant: String { self == .loaderText ? "bench_text" : "bench_binary" }
        var stagingFormat: StagingFormat { self == .loaderText ? .text : .binary }
        var isLoader: Bool { self == .loaderBinary || self == .loaderText }
    }

    public let options: Options
    public let logger: Logger
    let corpus = SyntheticCorpus()
    static let database = "zenglow_bench_load"

    public init(options: Options, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    public func run(report: @Sendable (String) -> Void) async throws {
        let scratch = NSTemporaryDirectory() + "zenglow-bench-load-\(getpid())"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let database = try await SpoolBenchDatabase.create(
            Self.database, server: options.server, root: options.root, tenant: Variant.loaderBinary.tenant,
            logger: logger)
        try await prepare(database)
        let version = try await database.value("show server_version")
        report(
            "zenglow bench load: \(options.chunks) synthetic chunks (60-260 words, 384-d) in batches of \(options.batchSize), "
                + "\(options.rounds) rounds alternating the variants; PostgreSQL \(version), "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores")

        let slices = slices()
        report("phase: writing the plain COPY files (text and binary, untimed)")
        let files = try writeCopyFiles(slices, in: scratch)

        // 1. Without index maintenance: HNSW and GIN dropped (the btree indexes stay).
        let hnswIndex = try await database.value("select zenglow.model_index_name('all-MiniLM-L6-v2')")
        try await database.withConnection { connection in
            try await connection.execute(
                PostgresQuery(unsafeSQL: "drop index zenglow.chunks_tsv, zenglow.\"\(hnswIndex)\""), logger: logger)
        }
        var seconds: [Variant: [Double]] = [:]
        var steps: [Variant: LoaderStepTotals] = [:]
        for (round, slice) in slices.enumerated() {
            for variant in Variant.allCases {
                report("phase: round \(round + 1), \(variant.rawValue), \(slice.count) chunks")
                let (elapsed, measured) = try await load(
                    variant, slice: slice, file: files[variant]?[round], tag: "r\(round)", database: database)
                seconds[variant, default: []].append(elapsed)
                if let measured { steps[variant, default: LoaderStepTotals()].add(measured) }
            }
        }
        let statistics = try await statisticsAggregate(database)
        report("")
        report(LoaderBenchmarkTable.rates(seconds: seconds, chunksPerRound: slices.map(\.count)))
        report("")
        report(
            LoaderBenchmarkTable.steps(
                steps, chunks: options.chunks, statisticsAggregate: statistics, variants: [.loaderBinary, .loaderText]))

        // 2. With HNSW and GIN maintained, then what building them afresh costs.
        report("")
        report("phase: building HNSW and GIN over \(2 * options.chunks) loader chunks")
        let build = try await buildIndexes(database)
        report(
            String(
                format: "index build over %d chunks: HNSW %.1f s, GIN %.1f s (maintenance_work_mem 512MB)",
                2 * options.chunks, build.hnsw, build.gin))
        let indexed = min(options.indexedChunks, options.chunks)
        let sample = Array(options.chunks..<(options.chunks + indexed))
        var indexedSeconds: [Variant: Double] = [:]
        for variant in [Variant.loaderBinary, .loaderText] {
            report("phase: \(variant.rawValue) with HNSW + GIN maintained, \(indexed) more chunks")
            indexedSeconds[variant] = try await load(
                variant, slice: sample[...], file: nil, tag: "indexed", database: database
            ).0
        }
        report("")
        report(
            LoaderBenchmarkTable.indexed(
                indexedSeconds, chunks: indexed, plainRate: LoaderBenchmarkTable.rate(seconds[.plainText], slices),
                bareRate: LoaderBenchmarkTable.rate(seconds[.loaderBinary], slices), build: build,
                builtOver: 2 * options.chunks))
        if !options.keepDatabase { try await database.drop() }
    }

    /// The rounds' chunk indexes: the corpus cut into `rounds` consecutive slices.
    func slices() -> [ArraySlice<Int>] {
        let all = Array(0..<options.chunks)
        let size = (options.chunks + options.rounds - 1) / max(1, options.rounds)
        return stride(from: 0, to: options.chunks, by: size).map { all[$0..<min($0 + size, options.chunks)] }
    }

    /// Tenants for the text loader, the plain COPY tables (as SpeedBenchmark's: the staging columns
    /// and a generated tsvector), function timing for the step profile.
    private func prepare(_ database: SpoolBenchDatabase) async throws {
        try await database.withConnection { connection in
            try await connection.execute(
                "select zenglow.create_tenant(\(Variant.loaderText.tenant))", logger: logger)
            for table in ["plain_copy_text", "plain_copy_binary"] {
                try await connection.execute(
                    PostgresQuery(
                        unsafeSQL: """
                            create table public.\(table) (row_number bigint, document_id text, chunk_order integer,
                                source text, title text, metadata jsonb, content_hash text, body text, embedding real[],
                                tsv tsvector generated always as (to_tsvector('english'::regconfig, body)) stored)
                            """), logger: logger)
            }
        }
    }
}
