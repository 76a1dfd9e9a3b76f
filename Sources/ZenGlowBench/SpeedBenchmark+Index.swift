import Foundation
import PostgresNIO
import ZenGlowDB

/// One ANN index build and what was measured of it.
struct IndexBuild: Sendable {
    var kind: String
    var definition = ""
    var seconds = 0.0
    var size = ""
    var peakMemoryMiB = 0.0
    /// pgvector's notice when the graph outgrew maintenance_work_mem (the build goes on, slower), if any.
    var spilled: String?
    var recall: [RecallFigure] = []
}

extension SpeedBenchmark {
    /// Points the model's ANN settings at an index kind, through the one call operators use.
    func setIndexKind(_ kind: String) async throws {
        try await withDatabase(url) { connection in
            try await connection.execute(
                "select zenglow.set_ann_settings(\(Self.model), jsonb_build_object('index_kind', \(kind)::text), 'bench')",
                logger: logger)
        }
    }

    /// Builds the model's ANN index from its settings (zenglow.model_index_definition) through psql, so
    /// that pgvector's notices are seen; times it, samples its memory, and reports its size.
    func buildIndex(kind: String, report: @Sendable (String) -> Void) async throws -> IndexBuild {
        var build = IndexBuild(kind: kind)
        build.definition = try await value("select zenglow.model_index_definition('\(Self.model)')", url)
        let memory = IndexBuildMemory(database: database)
        memory.start()
        let watch = Stopwatch()
        let outcome = try psql(
            url,
            [
                "-c", "set maintenance_work_mem = '\(options.maintenanceWorkMemory)'",
                "-c", "set max_parallel_maintenance_workers = 1",
                "-c", "create index \(hnswIndex) on zenglow.chunks \(build.definition)",
            ]
        ).runChecked("psql create index")
        build.seconds = watch.seconds
        build.peakMemoryMiB = memory.stop()
        build.spilled = outcome.output.split(separator: "\n").first { $0.contains("no longer fits") }.map(String.init)
        build.size = try await value(
            "select pg_size_pretty(sum(pg_relation_size(relid))) from pg_partition_tree('zenglow.\(hnswIndex)')",
            url)
        if kind == "ivfflat" {
            // pgvector's advice for probes: about sqrt(lists).
            let lists = Int(build.definition.split(separator: "lists = ").last?.prefix { $0.isNumber } ?? "") ?? 100
            try await withDatabase(url) { connection in
                try await connection.execute(
                    "select zenglow.set_ann_settings(\(Self.model), jsonb_build_object('ivfflat_probes', \(max(10, Int(Double(lists).squareRoot())))), 'bench')",
                    logger: logger)
            }
        }
        report(
            String(
                format:
                    "[%@] build: %.1f s, index %@, peak private memory %.0f MiB (maintenance_work_mem %@, 2 processes)%@",
                kind, build.seconds, build.size, build.peakMemoryMiB, options.maintenanceWorkMemory,
                build.spilled.map { "; \($0)" } ?? (kind == "hnsw" ? "; the graph fitted in memory" : "")))
        report("[\(kind)]   \(build.definition)")
        return build
    }

    func dropIndex() async throws {
        try await withDatabase(url) { connection in
            try await connection.execute("drop index zenglow.\(unescaped: hnswIndex)", logger: logger)
        }
    }

    func buildLexicalIndex(report: @Sendable (String) -> Void) async throws -> Double {
        let watch = Stopwatch()
        _ = try psql(
            url,
            [
                "-c", "set maintenance_work_mem = '\(options.maintenanceWorkMemory)'",
                "-c", "create index chunks_tsv on zenglow.chunks using gin (tsv)",
            ]
        ).runChecked("psql create index")
        report(String(format: "[gin] build: %.1f s", watch.seconds))
        return watch.seconds
    }
}
