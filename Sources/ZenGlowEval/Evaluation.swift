import Foundation
import Logging
import PostgresNIO
import ZenGlowDB
import ZenGlowEmbedding
import ZenGlowIngest
import ZenGlowMigrator

/// `zenglow eval`: loads SciFact through the batch loader into a fresh database, measures each
/// retrieval mode with the tenant's retrieval settings (as the API serves them; `k1`/`b` given are
/// stored as its settings first), fits the LTR coefficients as `zenglow ltr fit` does (kept only
/// when they beat the current model), and measures again.
public struct Evaluation: Sendable {
    public struct Options: Sendable {
        public var dataFolder: String
        public var root: String
        public var server: DatabaseURL
        /// Overrides of the default retrieval settings, stored as the tenant's settings before measuring.
        public var k1: Double?
        public var b: Double?
        public var keepDatabase: Bool
        /// When set, the last rows are measured again with each query text embedded by ZenGlow
        /// itself instead of the precomputed reference vectors, its embedding time included per query.
        public var queryEmbedder: (any TextEmbedder)?

        public init(
            dataFolder: String, root: String, server: DatabaseURL, k1: Double?, b: Double?, keepDatabase: Bool,
            queryEmbedder: (any TextEmbedder)? = nil
        ) {
            self.dataFolder = dataFolder
            self.root = root
            self.server = server
            self.k1 = k1
            self.b = b
            self.keepDatabase = keepDatabase
            self.queryEmbedder = queryEmbedder
        }
    }

    public struct Row: Sendable {
        public let mode: String
        public let ndcg10: Double
        public let recall100: Double
        public let mrr10: Double
        public let millisecondsPerQuery: Double
    }

    public struct Report: Sendable {
        public var database = ""
        public var documents = 0
        public var queries = 0
        public var loadSeconds = 0.0
        public var rows: [Row] = []
        public var fittedCoefficients: [String: Double] = [:]
        public var crossValidatedNDCG = 0.0
        /// The settings every row ranked with, and their version (nil: the built-in defaults).
        public var settings = RetrievalSettings.defaults
        public var settingsVersion: Int64?
        /// The fit as `zenglow ltr fit` reports it: both figures, and whether the model was kept.
        public var fit: LTRTraining.Outcome?
    }

    public let options: Options
    public let logger: Logger
    let tenant = "scifact"

    public init(options: Options, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    public func run(progress: @Sendable (String) -> Void) async throws -> Report {
        let data = try SciFactData(folder: options.dataFolder)
        var report = Report(documents: data.documents.count, queries: data.queries.count)
        let database = "zenglow_eval_\(Int(Date().timeIntervalSince1970))"
        report.database = database
        let url = options.server.with(database: database)
        try await admin("create database \(database)")
        do {
            progress("migrating \(database)")
            _ = try await Migrator(source: try MigrationSource(root: options.root), database: url, logger: logger).up()
            report.loadSeconds = try await load(data, into: url, progress: progress)
            try await measure(data, on: url, into: &report, progress: progress)
        } catch {
            if !options.keepDatabase { try? await admin("drop database if exists \(database) with (force)") }
            throw error
        }
        if !options.keepDatabase { try await admin("drop database if exists \(database) with (force)") }
        return report
    }

    private func admin(_ sql: String) async throws {
        try await withDatabase(options.server) { connection in
            try await connection.execute(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }

    private func withDatabase<T: Sendable>(
        _ url: DatabaseURL,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await url.withConnection(applicationName: "zenglow eval", logger: logger, body)
    }

    /// One chunk per abstract, its text "title text" (as the reference BM25 and the embeddings
    /// saw it), loaded 500 documents per batch as the ingest role. Returns the seconds taken.
    private func load(_ data: SciFactData, into url: DatabaseURL, progress: @Sendable (String) -> Void) async throws
        -> Double
    {
        try await withDatabase(url) { connection in
            try await connection.createTenant(tenant, displayName: "SciFact evaluation", logger: logger)
            try await connection.execute("select zenglow.run_maintenance()", logger: logger)
            let loader = BatchLoader(logger: logger, role: "zenglow_ingest")
            let started = ContinuousClock.now
            let documents = Array(zip(data.documents, data.documentEmbeddings))
            for (index, slice) in stride(from: 0, to: documents.count, by: 500).map({ $0 }).enumerated() {
                let part = documents[slice..<min(slice + 500, documents.count)]
                let batch = IngestBatch(
                    tenant: tenant, tag: "scifact-\(index)", source: "scifact",
                    documents: part.map { document, embedding in
                        IngestDocument(
                            id: document.id, title: document.title,
                            chunks: [
                                IngestChunk(order: 0, text: document.title + " " + document.text, embedding: embedding)
                            ])
                    })
                let result = try await loader.load(batch, on: connection)
                guard result.rejected == 0 else {
                    throw EvalError("batch \(batch.tag): \(result.rejected) rows rejected: \(result.rejections.first!)")
                }
            }
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            progress(String(format: "loaded %d documents in %.1f s", documents.count, seconds))
            return seconds
        }
    }

    private func measure(
        _ data: SciFactData,
        on url: DatabaseURL,
        into report: inout Report,
        progress: @Sendable (String) -> Void
    ) async throws {
        report = try await withDatabase(url) { connection in
            var report = report
            let changes = [("k1", options.k1), ("b", options.b)].compactMap { key, value in value.map { (key, $0) } }
            if !changes.isEmpty {
                _ = try await connection.setRetrievalSettings(
                    tenant: tenant, changes: Dictionary(uniqueKeysWithValues: changes),
                    reason: "zenglow eval "
                        + changes.map { "--\($0.0) \(RetrievalSettings.number($0.1))" }.joined(separator: " "),
                    actor: "zenglow eval", logger: logger)
            }
            let current = try await connection.currentRetrievalSettings(tenant: tenant, logger: logger)
            report.settings = current.settings
            report.settingsVersion = current.version
            // No options: every row ranks with the tenant's settings, as the API does.
            let client = RagQueryClient(connection: connection, tenant: tenant, role: "zenglow_app", logger: logger)
            for (label, mode) in [
                ("BM25 only", "bm25"), ("vector only", "vector"), ("RRF (k = 60)", "rrf"),
                ("fusion, default weights + default LTR", "fusion"),
            ] {
                report.rows.append(try await evaluate(label, mode: mode, data, client))
                progress("measured \(label)")
            }
            let fit = try await LTRTraining.fitAndStore(
                data.queries, trainedOn: "scifact train", on: connection, tenant: tenant, k1: nil, b: nil,
                role: "zenglow_app", logger: logger)
            report.fit = fit
            report.crossValidatedNDCG = fit.fitted.crossValidatedNDCG
            report.fittedCoefficients = fit.fitted.coefficients
            report.rows.append(
                try await evaluate(
                    fit.kept ? "fusion, default weights + fitted LTR" : "fusion, fitted LTR not kept (default LTR)",
                    mode: "fusion", data, client))
            progress("measured fusion with the fitted LTR model")
            if let embedder = options.queryEmbedder {
                for (label, mode) in [("vector only", "vector"), ("fusion + fitted LTR", "fusion")] {
                    report.rows.append(
                        try await evaluate(
                            "\(label), query embedded by ZenGlow", mode: mode, data, client, embedder: embedder))
                    progress("measured \(label) with queries embedded by ZenGlow")
                }
            }
            return report
        }
    }

    private func evaluate(
        _ label: String, mode: String, _ data: SciFactData, _ client: RagQueryClient,
        embedder: (any TextEmbedder)? = nil
    ) async throws -> Row {
        var ndcg = 0.0
        var recall = 0.0
        var mrr = 0.0
        let started = ContinuousClock.now
        for query in data.queries {
            let embedding = try await embedder?.embed([query.text]).first ?? query.embedding
            let ranked = try await client.query(query.text, embedding: embedding, topK: 100, mode: mode)
                .map(\.documentID)
            ndcg += RankingMetrics.ndcg(ranked, relevant: query.relevant)
            recall += RankingMetrics.recall(ranked, relevant: query.relevant)
            mrr += RankingMetrics.reciprocalRank(ranked, relevant: query.relevant)
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let n = Double(data.queries.count)
        return Row(
            mode: label, ndcg10: ndcg / n, recall100: recall / n, mrr10: mrr / n, millisecondsPerQuery: milliseconds / n
        )
    }

}
