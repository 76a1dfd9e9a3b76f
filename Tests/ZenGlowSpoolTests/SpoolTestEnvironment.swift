import Foundation
import Logging
import PostgresNIO
import ZenGlowDB
import ZenGlowEmbedding
import ZenGlowIngest
import ZenGlowSpool
import ZenGlowTestSupport

/// A spool on a fresh folder over a fresh migrated database with tenants `t1` and `t2`, and the
/// pieces to run it: the worker's configuration, a runner (with the real local embedder), and
/// helpers that write spool files and count what landed.
struct SpoolTestEnvironment: Sendable {
    static let logger = Logger(label: "zenglow.test.spool")

    let database: TestDatabase
    let root: String
    var configuration: SpoolConfiguration
    let metrics = SpoolMetrics()

    var directory: SpoolDirectory { configuration.directory }

    static func make(tenants: [String] = ["t1", "t2"]) async throws -> SpoolTestEnvironment {
        let database = try await TestServers.shared.makeSchemaDatabase()
        try await database.withConnection { connection in
            // Today's chunk partition, as maintenance would have made it: loads heal only when a test says.
            try await connection.execute("select zenglow.ensure_chunk_partition(now(), 'maintenance')", logger: logger)
            for tenant in tenants {
                try await connection.execute("select zenglow.create_tenant(\(tenant))", logger: logger)
            }
        }
        let root = try TemporaryDirectory.make(prefix: "zenglow-spool") + "/spool"
        var configuration = SpoolConfiguration(
            root: root, modelDirectory: TestModel.directory.url.path,
            database: DatabaseConfiguration(url: database.databaseURL))
        configuration.retryBase = .milliseconds(20)
        configuration.retryMax = .milliseconds(50)
        configuration.maxWait = .zero
        configuration.pollInterval = .milliseconds(50)
        try configuration.directory.initialize()
        return SpoolTestEnvironment(database: database, root: root, configuration: configuration)
    }

    /// Runs `body` with a runner (see ``runner(gate:embedder:)``), shutting its gate client down after.
    func withRunner<Result: Sendable>(
        gate: URL? = nil, embedder: (any TextEmbedder)? = nil, _ body: (SpoolRunner) async throws -> Result
    ) async throws -> Result {
        let runner = try runner(gate: gate, embedder: embedder)
        do {
            let result = try await body(runner)
            await runner.gate.shutdown()
            return result
        } catch {
            await runner.gate.shutdown()
            throw error
        }
    }

    /// The runner a worker uses, posting to `gate` when given; shut its gate down when done.
    func runner(gate: URL? = nil, embedder: (any TextEmbedder)? = nil) throws -> SpoolRunner {
        var gateConfiguration = configuration.gate
        gateConfiguration.url = gate
        gateConfiguration.token = gate == nil ? nil : "gate-secret"
        gateConfiguration.retryBase = .milliseconds(10)
        gateConfiguration.retryMax = .milliseconds(50)
        let notifier = GateNotifier(
            configuration: gateConfiguration, outboxDirectory: directory.gateOutbox, metrics: metrics,
            logger: Self.logger)
        return try SpoolRunner(
            configuration: configuration, embedder: try embedder ?? LocalEmbedder(encoder: TestModel.encoder()),
            metrics: metrics, gate: notifier, logger: Self.logger)
    }

    // MARK: files

    /// A batch as MessagePack: `chunks` chunks over `documents` documents, each chunk with a
    /// 384-dimension vector unless `textOnly`.
    static func batch(
        tenant: String = "t1", tag: String, documents: Int = 1, chunks: Int = 2, textOnly: Bool = false,
        source: String = "spool-test", documentSource: String? = nil, text: String = "spool test text"
    ) -> MessagePackValue {
        .map([
            (.string("tenant"), .string(tenant)),
            (.string("batch_tag"), .string(tag)),
            (.string("source"), .string(source)),
            (
                .string("documents"),
                .array(
                    (0..<documents).map { d in
                        var fields: [(MessagePackValue, MessagePackValue)] = [
                            (.string("id"), .string("\(tag)-doc-\(d)")),
                            (.string("title"), .string("Document \(d) of \(tag)")),
                            (
                                .string("chunks"),
                                .array(
                                    (0..<chunks).map { c in
                                        var chunk: [(MessagePackValue, MessagePackValue)] = [
                                            (.string("order"), .int(Int64(c))),
                                            (.string("text"), .string("\(text) \(tag) document \(d) chunk \(c)")),
                                        ]
                                        if !textOnly {
                                            chunk.append((.string("embedding"), .array(vector(seed: d * 100 + c))))
                                        }
                                        return .map(chunk)
                                    })
                            ),
                        ]
                        if let documentSource { fields.append((.string("source"), .string(documentSource))) }
                        return .map(fields)
                    })
            ),
        ])
    }

    static func vector(seed: Int) -> [MessagePackValue] {
        (0..<384).map { .double(Double(($0 * 31 + seed * 17) % 97 + 1) / 97) }
    }

    static func encode(_ value: MessagePackValue) -> [UInt8] { MessagePackEncoder.encode(value) }

    static func segment(_ values: [MessagePackValue]) -> [UInt8] {
        values.flatMap { SegmentFrames.frame(encode($0)) }
    }

    /// Publishes `bytes` as `incoming/NAME` by the maildir rule.
    @discardableResult
    func drop(_ bytes: [UInt8], as name: String) throws -> String {
        try SpoolPublisher(directory: directory).publish(bytes: bytes, name: name)
    }

    func names(in folder: SpoolFolder) -> [String] { directory.files(in: folder).map(\.name).sorted() }

    /// The parsed `failed/NAME.reason.json`.
    func reason(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory.path(.failed, "\(name).reason.json")))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    // MARK: database

    func count(_ sql: String) async throws -> Int {
        try await database.withConnection { connection in
            var value = 0
            for try await n in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger).decode(
                Int.self)
            {
                value = n
            }
            return value
        }
    }

    func chunks(tenant: String) async throws -> Int {
        try await count("select count(*)::int from zenglow.chunks where tenant_id = '\(tenant)'")
    }

    /// Drops this month's chunk partition so that the next load has to make it.
    func dropCurrentPartition(replaceWithTable: Bool = false) async throws -> String {
        try await database.withConnection { connection in
            var name = ""
            let rows = try await connection.query(
                """
                select (zenglow.chunk_partition_range(now(), (select chunk_partition_unit from zenglow.maintenance_settings))).partition_name
                """, logger: Self.logger)
            for try await value in rows.decode(String.self) { name = value }
            try await connection.execute(
                PostgresQuery(unsafeSQL: "drop table if exists zenglow.\"\(name)\""), logger: Self.logger)
            if replaceWithTable {
                try await connection.execute(
                    PostgresQuery(unsafeSQL: "create table zenglow.\"\(name)\" (note text)"), logger: Self.logger)
            }
            return name
        }
    }

    /// The tenant's search results for `text` (BM25 alone, so no query embedding is needed).
    func search(_ text: String, tenant: String) async throws -> String {
        try await database.withConnection { connection in
            try await connection.withTenant(tenant, role: "zenglow_app", logger: Self.logger) { connection in
                try await connection.ragQuery(RagQueryArguments(query: text, mode: "bm25"), logger: Self.logger).json
            }
        }
    }
}
