import Foundation
import Logging
import PostgresNIO
import Testing
import ZenGlowDB
import ZenGlowTestSupport

/// `zenglow_api.cache_generation()` through its typed call, and the `zenglow_models` channel the
/// API turns into build updates, each on a database of its own (the model switches commit).
@Suite("cache generation and model notifications")
struct CacheGenerationTests {
    static let logger = Logger(label: "zenglow.test.cache-generation")

    @Test("the typed call reads the tenant's generation, and a committed load advances its epoch only")
    func generation() async throws {
        let database = try await TestServers.shared.makeSchemaDatabase()
        try await database.withConnection { connection in
            try await connection.createTenant("gen-a", displayName: "", logger: Self.logger)
            try await connection.createTenant("gen-b", displayName: "", logger: Self.logger)
            let installation = try await Self.text(connection, "select id::text from zenglow.installation")
            let globalWeights = try await Self.text(
                connection, "select max(version)::text from zenglow.fusion_weights where tenant_id = '_global'")
            let first = try await Self.generation(connection, "gen-a")
            #expect(
                first
                    == CacheGeneration(
                        installation: installation, weightsVersion: Int64(globalWeights)!, ltrVersion: 1,
                        model: "all-MiniLM-L6-v2", corpusEpoch: 0, stamp: first.stamp))
            #expect(first.stamp.count == 32, "an md5 of when the versions were made")

            try await connection.withTenant("gen-a", role: "zenglow_ingest", logger: Self.logger) { connection in
                try await connection.execute("select zenglow_api.prepare_staging()", logger: Self.logger)
                try await connection.execute(
                    """
                    insert into zg_staging (row_number, document_id, chunk_order, content_hash, body)
                    values (1, 'd1', 0, 'h', 'comets have tails')
                    """, logger: Self.logger)
                try await connection.execute(
                    "select zenglow_api.ingest_staged_batch('b1', 'test', 'sha256:' || repeat('a', 64))",
                    logger: Self.logger)
            }
            let loaded = try await Self.generation(connection, "gen-a")
            #expect(loaded.corpusEpoch == first.corpusEpoch + 1)
            #expect(loaded.installation == first.installation)
            #expect(loaded.stamp != first.stamp, "the epoch was advanced at a new instant")
            #expect(try await Self.generation(connection, "gen-b").corpusEpoch == 0)
        }
    }

    @Test("it refuses an unknown or disabled tenant with rag_query's ZG001")
    func refusals() async throws {
        let database = try await TestServers.shared.makeSchemaDatabase()
        try await database.withConnection { connection in
            try await connection.createTenant("gen-off", displayName: "", logger: Self.logger)
            try await connection.setTenantActive("gen-off", active: false, logger: Self.logger)
            for tenant in ["no-such-tenant", "gen-off"] {
                let error = await #expect(throws: (any Error).self) { try await Self.generation(connection, tenant) }
                #expect(error.map { DatabaseError($0).server?.sqlState } == "ZG001", "tenant \(tenant)")
            }
        }
    }

    @Test("zenglow_models announces an activated model and a new LTR version at commit; a rollback nothing")
    func modelNotifications() async throws {
        let database = try await TestServers.shared.makeSchemaDatabase()
        let received = Payloads()
        try await database.withConnection { listener in
            try await listener.listen(on: "zenglow_models") { notifications in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await notification in notifications { await received.append(notification.payload) }
                    }
                    try await database.withConnection { writer in
                        for sql in [
                            "insert into zenglow.models (model_name, dimension, source) values ('rolled-3d', 3, 'test')",
                            "begin",
                            "select zenglow.activate_model('rolled-3d', 'tester')",
                            "insert into zenglow.ltr_models (feature_schema_version, coefficients) values (1, '{}')",
                            "rollback",
                            "insert into zenglow.ltr_models (feature_schema_version, coefficients) values (1, '{}')",
                            "insert into zenglow.models (model_name, dimension, source) values ('tiny-3d', 3, 'test')",
                            "select zenglow.activate_model('tiny-3d', 'tester')",
                        ] {
                            try await writer.execute(PostgresQuery(unsafeSQL: sql), logger: Self.logger)
                        }
                    }
                    _ = await eventually(within: .seconds(10)) { await received.all.count >= 2 }
                    group.cancelAll()
                }
            }
        }
        let ltrVersion = try await database.withConnection { connection in
            try await Self.text(connection, "select max(version)::text from zenglow.ltr_models")
        }
        let events = try await received.all.map { try JSONDecoder().decode(ModelEvent.self, from: Data($0.utf8)) }
        #expect(
            events == [
                ModelEvent(tenantID: "_global", kind: "ltr", model: nil, version: Int64(ltrVersion)),
                ModelEvent(tenantID: "_global", kind: "embedding", model: "tiny-3d", version: nil),
            ])
        // Both keys are always there, null when they do not apply.
        #expect(await received.all.allSatisfy { $0.contains(#""model" : "#) && $0.contains(#""version" : "#) })
    }

    static func generation(_ connection: PostgresConnection, _ tenant: String) async throws -> CacheGeneration {
        try await connection.withTenant(tenant, role: "zenglow_app", logger: logger) { connection in
            try await connection.cacheGeneration(logger: logger)
        }
    }

    static func text(_ connection: PostgresConnection, _ sql: String) async throws -> String {
        for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(
            String.self)
        {
            return value
        }
        throw DatabaseError(.server, "no row for \(sql)")
    }
}

/// A `zenglow_models` payload.
struct ModelEvent: Decodable, Equatable {
    var tenantID: String
    var kind: String
    var model: String?
    var version: Int64?

    enum CodingKeys: String, CodingKey {
        case tenantID = "tenant_id"
        case kind, model, version
    }
}

/// Notification payloads in arrival order.
actor Payloads {
    private(set) var all: [String] = []

    func append(_ payload: String) { all.append(payload) }
}
