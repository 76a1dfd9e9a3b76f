import Foundation
import Logging
import PostgresNIO
import ZenGlowBackup
import ZenGlowDB
import ZenGlowTestSupport

/// A migrated database holding what a backup must carry: two tenants' chunks with embeddings
/// (through the ingest path the loader uses), audit chains, and query records in the
/// query_performance hypertable spread over several days (several chunks).
enum BackupTestCorpus {
    static let logger = Logger(label: "zenglow.test.backup")
    static let tenants = ["acme", "globex"]
    static let queries = ["glucose insulin", "comet tail", "partition maintenance", "tenant audit log"]

    static let topics = [
        "Glucose and insulin regulate blood sugar", "A comet grows a tail near the sun",
        "Partition maintenance creates next month's tables", "The tenant audit log is hash chained",
        "Insulin resistance and glucose uptake", "Comet nuclei are dirty snowballs",
    ]

    static func make() async throws -> TestDatabase {
        let database = try await TestServers.shared.makeSchemaDatabase()
        try await database.withConnection { connection in
            for tenant in tenants {
                try await connection.createTenant(tenant, displayName: tenant.capitalized, logger: logger)
                try await load(tenant, on: connection)
            }
            // Two audited changes, so acme's chain has links beyond its creation.
            try await connection.setTenantActive("acme", active: false, logger: logger)
            try await connection.setTenantActive("acme", active: true, logger: logger)
            try await connection.withTenant("acme", role: "zenglow_app", logger: logger) { connection in
                let records = (0..<5).map { day in
                    #"{"endpoint": "/rag/query", "status": 200, "total_ms": \#(10 + day), "ts": "\#(timestamp(daysAgo: day))"}"#
                }
                try await connection.recordPerformance(
                    recordsJSON: "[" + records.joined(separator: ",") + "]", logger: logger)
            }
        }
        return database
    }

    private static func load(_ tenant: String, on connection: PostgresConnection) async throws {
        try await connection.withTenant(tenant, role: "zenglow_ingest", logger: logger) { connection in
            try await connection.execute("select zenglow_api.prepare_staging()", logger: logger)
            for (index, text) in topics.enumerated() {
                let body = "\(text) (\(tenant) note \(index))"
                try await connection.execute(
                    """
                    insert into zg_staging (row_number, document_id, chunk_order, source, title, content_hash, body, embedding)
                    values (\(Int64(index + 1)), \("doc-\(index)"), 0, \(index % 2 == 0 ? "pubmed" : "wiki"),
                        \("Note \(index)"), \("hash-\(tenant)-\(index)"), \(body), \(embedding(seed: index)))
                    """, logger: logger)
            }
            try await connection.execute(
                "select zenglow_api.ingest_staged_batch('b1', 'test', 'sha256:' || repeat('b', 64))", logger: logger)
        }
    }

    /// A deterministic unit vector of the active model's 384 dimensions.
    static func embedding(seed: Int) -> [Float] {
        let raw = (0..<384).map { Float(sin(Double($0 * (seed + 1)) * 0.37 + Double(seed))) }
        let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return raw.map { $0 / norm }
    }

    private static func timestamp(daysAgo: Int) -> String {
        Date(timeIntervalSinceNow: -Double(daysAgo) * 86_400).ISO8601Format()
    }

    /// For every tenant and query, rag_query's results (ids, order, scores, everything but the
    /// timings) as the API role sees them.
    static func answers(_ database: DatabaseURL) async throws -> [String] {
        try await database.withConnection(applicationName: "zenglow-test", logger: logger) { connection in
            var answers: [String] = []
            for tenant in tenants {
                for (index, query) in queries.enumerated() {
                    for mode in ["fusion", "bm25", "vector"] {
                        let answer = try await connection.withTenant(tenant, role: "zenglow_app", logger: logger) {
                            try await $0.ragQuery(
                                RagQueryArguments(query: query, embedding: embedding(seed: index), topK: 5, mode: mode),
                                logger: logger)
                        }
                        let json = try JSONSerialization.jsonObject(with: Data(answer.json.utf8)) as? [String: Any]
                        let results = try JSONSerialization.data(
                            withJSONObject: json?["results"] ?? [], options: [.sortedKeys])
                        answers.append(
                            "\(tenant) \(mode) \(query) weights \(answer.weightsVersion ?? 0): "
                                + String(decoding: results, as: UTF8.self))
                    }
                }
            }
            return answers
        }
    }

    /// The first column of the first row of `sql`, as text.
    static func value(_ database: TestDatabase, _ sql: String) async throws -> String? {
        try await value(database.databaseURL, sql)
    }

    /// The same in another database of the cluster.
    static func value(_ database: DatabaseURL, _ sql: String) async throws -> String? {
        try await database.withConnection(applicationName: "zenglow-test", logger: logger) { connection in
            for try await text in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                .decode(String?.self)
            {
                return text
            }
            return nil
        }
    }

    static func tools() throws -> PostgresTools {
        try PostgresTools.locate(explicit: nil, environment: ProcessInfo.processInfo.environment)
    }

    static func backup(_ database: TestDatabase, directory: String, keep: Int = 7) async throws -> BackupReport {
        try await DatabaseBackup(
            url: database.databaseURL, configuration: BackupConfiguration(directory: directory, keep: keep),
            tools: tools(), logger: logger
        ).run()
    }

    static func restore(_ database: TestDatabase, file: String, into target: String) async throws -> RestoreReport {
        try await DatabaseRestore(
            server: database.databaseURL, files: BackupFiles(path: file), target: target, tools: tools(),
            logger: logger
        ).run()
    }

    static func exists(_ database: TestDatabase, _ name: String) async throws -> Bool {
        try await value(database, "select count(*)::text from pg_database where datname = '\(name)'") == "1"
    }
}
