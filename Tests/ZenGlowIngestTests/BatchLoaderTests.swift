import Logging
import PostgresNIO
import Testing
import ZenGlowDB
import ZenGlowIngest
import ZenGlowTestSupport

@Suite("the batch loader")
struct BatchLoaderTests {
    static let logger = Logger(label: "test.loader")

    /// A schema database with tenant `t1`, and a session acting as the ingest role.
    static func withIngestSession(_ body: (PostgresConnection, TestDatabase) async throws -> Void) async throws {
        let database = try await TestServers.shared.makeSchemaDatabase()
        try await database.withConnection { connection in
            _ = try await connection.query("select zenglow.create_tenant('t1')", logger: logger)
            _ = try await connection.query("set role zenglow_ingest", logger: logger)
            try await body(connection, database)
        }
    }

    static func embedding(_ seed: Int) -> [Float] {
        (0..<384).map { Float(($0 * 31 + seed * 17) % 97) / 97 }
    }

    static func document(_ id: String, _ texts: [String]) -> IngestDocument {
        IngestDocument(
            id: id, title: "Title of \(id)",
            chunks: texts.enumerated().map {
                IngestChunk(order: $0.offset, text: $0.element, embedding: embedding($0.offset))
            })
    }

    static func count(_ sql: String, on database: TestDatabase) async throws -> Int {
        try await database.withConnection { connection in
            var value = 0
            for try await n in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(
                Int.self)
            {
                value = n
            }
            return value
        }
    }

    @Test("a batch loads under its tenant, with its manifest and term statistics")
    func loads() async throws {
        try await Self.withIngestSession { connection, database in
            let batch = IngestBatch(
                tenant: "t1", tag: "b1", source: "test",
                documents: [Self.document("d1", ["red apples", "green pears"]), Self.document("d2", ["blue plums"])])
            let result = try await BatchLoader(logger: Self.logger).load(batch, on: connection)
            #expect(["done", "healed"].contains(result.state))
            #expect(result.accepted == 3)
            #expect(result.rejected == 0)
            #expect(!result.resubmitted)
            #expect(
                try await Self.count("select count(*)::int from zenglow.chunks where tenant_id = 't1'", on: database)
                    == 3)
            #expect(
                try await Self.count(
                    "select chunk_count::int from zenglow.corpus_stats where tenant_id = 't1'", on: database) == 3)
        }
    }

    @Test("bad rows are rejected with their row number and reason; the rest loads and the manifest counts both")
    func rejectsBadRows() async throws {
        try await Self.withIngestSession { connection, database in
            var nan = Self.embedding(1)
            nan[7] = .nan
            let document = IngestDocument(
                id: "d1",
                chunks: [
                    IngestChunk(order: 0, text: "good one", embedding: Self.embedding(0)),
                    IngestChunk(order: 1, text: "too short", embedding: [1, 2, 3]),
                    IngestChunk(order: 2, text: "not a number", embedding: nan),
                    IngestChunk(order: 3, text: "   ", embedding: Self.embedding(3)),
                    IngestChunk(order: 4, textBytes: [0x66, 0xFF, 0x6F], embedding: Self.embedding(4)),
                    IngestChunk(order: 0, text: "same position again", embedding: Self.embedding(5)),
                    IngestChunk(order: 6, text: "good two", embedding: Self.embedding(6)),
                ])
            let batch = IngestBatch(tenant: "t1", tag: "mixed", source: "test", documents: [document])
            let result = try await BatchLoader(logger: Self.logger).load(batch, on: connection)
            #expect(result.accepted == 2)
            #expect(result.rejected == 5)
            #expect(result.rejections.map(\.row) == [2, 3, 4, 5, 6])
            #expect(
                result.rejections.map(\.reason) == [
                    .wrongDimension, .nonFinite, .emptyText, .invalidUTF8, .duplicateChunk,
                ])
            #expect(result.rejections[0].message == "384 dimensions expected, 3 given")
            #expect(
                try await Self.count(
                    "select (accepted * 100 + rejected)::int from zenglow.batches where batch_tag = 'mixed'",
                    on: database)
                    == 205)
            #expect(try await Self.count("select count(*)::int from zenglow.chunks", on: database) == 2)
        }
    }

    @Test("re-submitting the same content, under any tag, changes nothing")
    func resubmission() async throws {
        try await Self.withIngestSession { connection, database in
            let loader = BatchLoader(logger: Self.logger)
            var batch = IngestBatch(
                tenant: "t1", tag: "first", source: "test", documents: [Self.document("d1", ["alpha", "beta"])])
            _ = try await loader.load(batch, on: connection)
            batch.tag = "second"
            let again = try await loader.load(batch, on: connection)
            #expect(again.resubmitted)
            #expect(again.accepted == 2)
            #expect(try await Self.count("select count(*)::int from zenglow.chunks", on: database) == 2)
            #expect(try await Self.count("select count(*)::int from zenglow.batches", on: database) == 1)
        }
    }

    @Test("an unknown tenant or a reused tag is refused with a clear error, and nothing is written")
    func refusals() async throws {
        try await Self.withIngestSession { connection, database in
            let loader = BatchLoader(logger: Self.logger)
            let stranger = IngestBatch(
                tenant: "nobody", tag: "b", source: "test", documents: [Self.document("d", ["text"])])
            let unknown = await #expect(throws: IngestError.self) { try await loader.load(stranger, on: connection) }
            #expect(unknown?.code == .unknownTenant)
            #expect(unknown?.message.contains("'nobody'") == true)

            _ = try await loader.load(
                IngestBatch(tenant: "t1", tag: "b", source: "test", documents: [Self.document("d", ["one"])]),
                on: connection)
            let reused = await #expect(throws: DatabaseError.self) {
                try await loader.load(
                    IngestBatch(tenant: "t1", tag: "b", source: "test", documents: [Self.document("d", ["two"])]),
                    on: connection)
            }
            #expect(reused?.kind == .zenglow(.batchTagReused))
            #expect(reused?.server?.message == "batch tag 'b' was already used for other content")
            #expect(try await Self.count("select count(*)::int from zenglow.chunks", on: database) == 1)
            #expect(try await Self.count("select count(*)::int from zenglow.batches", on: database) == 1)
        }
    }
}
