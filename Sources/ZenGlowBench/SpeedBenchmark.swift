import Foundation
import Logging
import NIOCore
import PostgresNIO
import ZenGlowDB
import ZenGlowEmbedded
import ZenGlowIngest
import ZenGlowMigrator

/// `zenglow bench speed`: loads a synthetic corpus of N chunks and measures, in one run on one
/// server: load throughput (against a plain psql COPY of the same rows, with and without index
/// maintenance), both ANN index kinds (IVFFlat and HNSW: build time, size, memory, recall@10
/// against exact search), and rag_query latency with pgbench beside raw pgvector top-10 queries
/// on the same table with the same search parameters.
public struct SpeedBenchmark: Sendable {
    public struct Options: Sendable {
        public var chunks: Int
        public var root: String
        public var server: DatabaseURL
        public var binDirectory: String
        public var seconds: Int
        public var sampleWithIndexes: Int
        /// Rows loaded both by plain COPY and by the loader, for their ratio (the rest by the loader only).
        public var copySample: Int
        public var recallQueries: Int
        /// Also build and measure an IVFFlat index before the HNSW one.
        public var ivfflat: Bool
        public var maintenanceWorkMemory: String
        public var keepDatabase: Bool
        /// Measure an existing, loaded benchmark database again (after `migrate up`), skipping the load and builds.
        public var reuse: Bool

        public init(
            chunks: Int, root: String, server: DatabaseURL, binDirectory: String, seconds: Int,
            sampleWithIndexes: Int, copySample: Int = 100_000, recallQueries: Int = 200, ivfflat: Bool = true,
            maintenanceWorkMemory: String = "3GB", keepDatabase: Bool, reuse: Bool = false
        ) {
            self.chunks = chunks
            self.root = root
            self.server = server
            self.binDirectory = binDirectory
            self.seconds = seconds
            self.sampleWithIndexes = sampleWithIndexes
            self.copySample = copySample
            self.recallQueries = recallQueries
            self.ivfflat = ivfflat
            self.maintenanceWorkMemory = maintenanceWorkMemory
            self.keepDatabase = keepDatabase
            self.reuse = reuse
        }
    }

    public let options: Options
    public let logger: Logger
    let corpus = SyntheticCorpus()
    static let batchSize = 5000
    static let tenant = "bench"
    static let model = "all-MiniLM-L6-v2"

    public init(options: Options, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    var database: String { "zenglow_bench_\(options.chunks)" }
    var url: DatabaseURL { options.server.with(database: database) }

    public func run(report: @escaping @Sendable (String) -> Void) async throws {
        let started = Stopwatch()
        var summary = SpeedSummary(chunks: options.chunks)
        let reused = try await prepareDatabase(report: report)
        report(
            "PostgreSQL \(try await value("show server_version", url)), \(ProcessInfo.processInfo.activeProcessorCount) cores; \(options.chunks) synthetic chunks (60-260 words from a Zipf vocabulary; 384-d embeddings of intrinsic dimension \(SyntheticCorpus.latentDimension))"
        )
        if !reused {
            try await loadCorpus(report: report, summary: &summary)
        }
        try await prepareQueries(report: report)
        let exact = try await exactNeighbours(report: report)
        summary.gap = exact.gap

        if reused {
            // Whatever index the kept database has now (`zenglow ann apply` may have changed it).
            let kind = try await value(
                "select index_kind from zenglow.ann_settings where model_name = '\(Self.model)'", url)
            var build = IndexBuild(kind: kind)
            build.recall = try await recall(exact, kind: kind, report: report)
            summary.hnsw = build
            summary.hnswLatency = try await measureLatency(
                modes: ["fusion", "bm25", "vector"], raw: kind, report: report)
        } else {
            summary.hnsw = try await buildIndex(kind: "hnsw", report: report)
            summary.ginSeconds = try await buildLexicalIndex(report: report)
            try await analyze(report: report)
            summary.hnsw?.recall = try await recall(exact, kind: "hnsw", report: report)
            summary.hnswLatency = try await measureLatency(
                modes: ["fusion", "bm25", "vector"], raw: "hnsw", report: report)
            for line in summary.table() { report(line) }
            summary.loaderWithIndexes = try await loadWithIndexes(report: report)
            if options.ivfflat {
                // The sample's rows are not among the exact neighbours: out before IVFFlat is measured.
                try await removeSampleWithIndexes(report: report)
                try await setIndexKind("ivfflat")
                try await dropIndex()
                summary.ivfflat = try await buildIndex(kind: "ivfflat", report: report)
                summary.ivfflat?.recall = try await recall(exact, kind: "ivfflat", report: report)
                summary.ivfflatLatency = try await measureLatency(
                    modes: ["vector", "fusion"], raw: "ivfflat", report: report)
            }
        }
        report("")
        for line in summary.table() { report(line) }
        report(String(format: "whole run %.0f s", started.seconds))
        if !options.keepDatabase && !options.reuse {
            try await admin("drop database if exists \(database) with (force)")
        }
    }

    var hnswIndex: String { "chunks_embedding_all_minilm_l6_v2_61365361" }

    /// Creates and migrates the benchmark database, or, with `reuse`, migrates the existing one
    /// and says so; true when the loaded database was reused.
    private func prepareDatabase(report: @Sendable (String) -> Void) async throws -> Bool {
        if options.reuse,
            try await value("select count(*) from pg_database where datname = '\(database)'", options.server) == "1"
        {
            let watch = Stopwatch()
            _ = try await Migrator(source: try MigrationSource(root: options.root), database: url, logger: logger).up()
            report(
                String(
                    format: "[reuse] %@ migrated to the current schema (%.1f s); load and builds skipped", database,
                    watch.seconds))
            return true
        }
        try await admin("drop database if exists \(database) with (force)")
        try await admin("create database \(database)")
        let watch = Stopwatch()
        _ = try await Migrator(source: try MigrationSource(root: options.root), database: url, logger: logger).up()
        try await withDatabase(url) { connection in
            try await connection.execute("select zenglow.create_tenant(\(Self.tenant))", logger: logger)
            try await connection.execute("select zenglow.run_maintenance()", logger: logger)
        }
        report(String(format: "[migrate] %@ created and migrated (%.1f s)", database, watch.seconds))
        return false
    }
}
