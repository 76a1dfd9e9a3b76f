import Logging
import NIOCore
import PostgresNIO
import Testing
import ZenGlowDB
import ZenGlowTestSupport

@testable import ZenGlowIngest

@Suite("binary COPY staging")
struct BinaryStagingTests {
    static let logger = Logger(label: "test.binary-staging")

    /// An embedding whose components exercise the float encoding: signed zero, the smallest
    /// subnormal, thirds, large and negative values, and the seed's own pattern.
    static func awkwardEmbedding(_ seed: Int) -> [Float] {
        var values = BatchLoaderTests.embedding(seed)
        values[0] = -0.0
        values[1] = .leastNonzeroMagnitude
        values[2] = 1 / 3
        values[3] = -123_456.79
        values[4] = 1e18
        values[5] = .leastNormalMagnitude
        values[6] = Float(seed) + 0.1
        return values
    }

    /// Documents whose text, metadata and ids carry what COPY's text format escapes, and more.
    static let documents = [
        IngestDocument(
            id: "ドキュメント-é/1", source: nil, title: "tab\there, newline\nthere, back\\slash, \\N literal",
            metadataJSON: #"{"lang": "日本語", "nested": {"quote": "\"", "list": [1, 2.5, null, true]}, "emoji": "🦊"}"#,
            chunks: [
                IngestChunk(
                    order: 0, text: "Unicode: 🦊 ünïcødé 日本語\r\nCRLF and \\ and \t tab", embedding: awkwardEmbedding(0)),
                IngestChunk(order: 2_147_483_647, text: "the largest chunk order", embedding: awkwardEmbedding(1)),
            ]),
        IngestDocument(
            id: "d2", source: "its own source", title: "", metadataJSON: "{}",
            chunks: [
                IngestChunk(
                    order: 1, text: "\\.\nend-of-data marker of the text format", embedding: awkwardEmbedding(2))
            ]),
        IngestDocument(
            id: "nul", metadataJSON: "{}",
            chunks: [IngestChunk(order: 0, text: "a NUL \u{0} inside", embedding: awkwardEmbedding(3))]),
        IngestDocument(
            id: "nul-metadata", metadataJSON: #"{"x": "\u0000"}"#,
            chunks: [IngestChunk(order: 0, text: "metadata with an escaped NUL", embedding: awkwardEmbedding(4))]),
    ]

    struct StoredChunk: Equatable {
        let documentID: String
        let order: Int
        let source: String
        let title: String
        let metadataMatches: Bool
        let body: String
        let embeddingBits: [UInt32]
    }

    /// The tenant's chunks as stored, in document and order; `metadata` says whether each row's
    /// jsonb equals its document's metadata parsed by the server from text.
    static func stored(tenant: String, on database: TestDatabase) async throws -> [StoredChunk] {
        // The documents whose chunks load (jsonb refuses the escaped NUL of the last one).
        let loadable = documents.prefix(2)
        return try await database.withConnection { connection in
            var chunks: [StoredChunk] = []
            let rows = try await connection.query(
                """
                select c.document_id, c.chunk_order, c.source, c.title, c.metadata = m.metadata::jsonb, c.body,
                    c.embedding::real[]
                from zenglow.chunks c
                join (select unnest(\(loadable.map(\.id))::text[]) as id, unnest(\(loadable.map(\.metadataJSON))::text[]) as metadata) m
                    on m.id = c.document_id
                where c.tenant_id = \(tenant)
                order by c.document_id, c.chunk_order
                """, logger: logger)
            for try await (id, order, source, title, matches, body, embedding) in rows.decode(
                (String, Int, String, String, Bool, String, [Float]).self)
            {
                chunks.append(
                    StoredChunk(
                        documentID: id, order: order, source: source, title: title, metadataMatches: matches,
                        body: body, embeddingBits: embedding.map(\.bitPattern)))
            }
            return chunks
        }
    }

    @Test(
        "every staged value arrives exactly: text unescaped, unicode, json, the largest order, embeddings bit for bit")
    func roundTrip() async throws {
        try await BatchLoaderTests.withIngestSession { connection, database in
            let batch = IngestBatch(tenant: "t1", tag: "binary", source: "batch source", documents: Self.documents)
            #expect(BatchLoader(logger: Self.logger).stagingFormat == .binary)
            let result = try await BatchLoader(logger: Self.logger).load(batch, on: connection)
            #expect(result.accepted == 3)
            #expect(result.rejections.map(\.reason) == [.invalidUTF8, .invalidMetadata])
            #expect(result.rejections.first?.message.contains("NUL") == true)

            let expected = Self.documents.prefix(2).flatMap { document in
                document.chunks.map { chunk in
                    StoredChunk(
                        documentID: document.id, order: chunk.order, source: document.source ?? "batch source",
                        title: document.title, metadataMatches: true,
                        body: String(decoding: chunk.textBytes, as: UTF8.self),
                        embeddingBits: (chunk.embedding ?? []).map(\.bitPattern))
                }
            }.sorted { ($0.documentID, $0.order) < ($1.documentID, $1.order) }
            let stored = try await Self.stored(tenant: "t1", on: database)
            #expect(stored == expected)
        }
    }

    @Test("the binary and the text format stage the same rows")
    func formatsAgree() async throws {
        try await BatchLoaderTests.withIngestSession { connection, database in
            try await database.withConnection { admin in
                _ = try await admin.query("select zenglow.create_tenant('t2')", logger: Self.logger)
            }
            var text = BatchLoader(logger: Self.logger)
            text.stagingFormat = .text
            let documents = Array(Self.documents.prefix(2))
            _ = try await BatchLoader(logger: Self.logger).load(
                IngestBatch(tenant: "t1", tag: "b", source: "s", documents: documents), on: connection)
            _ = try await text.load(
                IngestBatch(tenant: "t2", tag: "b", source: "s", documents: documents), on: connection)
            let binaryRows = try await Self.stored(tenant: "t1", on: database)
            #expect(binaryRows.count == 3)
            let textRows = try await Self.stored(tenant: "t2", on: database)
            #expect(binaryRows == textRows)
        }
    }

    @Test("a NaN the loader would reject is staged bit for bit, and the database still refuses it (ZG008)")
    func serverRefusesNaN() async throws {
        try await BatchLoaderTests.withIngestSession { connection, database in
            var embedding = BatchLoaderTests.embedding(1)
            embedding[9] = .nan
            let hash = "sha256:" + String(repeating: "0", count: 64)
            let row = StagingRow(
                row: 1, documentID: "d", chunkOrder: 0, source: nil, title: "", metadataJSON: "{}",
                contentHash: hash, text: "not a number", embedding: embedding)
            let error = await #expect(throws: DatabaseError.self) {
                try await connection.withTenant("t1", logger: Self.logger) { connection in
                    try await connection.prepareStaging(logger: Self.logger)
                    try await connection.copyBinary(
                        into: "zg_staging", columns: StagingRow.columns, logger: Self.logger
                    ) { writer in
                        var buffer = ByteBuffer(bytes: StagingRow.binaryHeader)
                        row.writeBinary(into: &buffer)
                        buffer.writeBytes(StagingRow.binaryTrailer)
                        try await writer.write(buffer)
                    }
                    do {
                        _ = try await connection.ingestStagedBatch(
                            tag: "nan", source: "s", contentHash: hash, rejected: 0, rejectionDetail: nil,
                            logger: Self.logger)
                    } catch {
                        throw DatabaseError(error)
                    }
                }
            }
            #expect(error?.kind == .zenglow(.invalidEmbedding))
            #expect(error?.server?.message.contains("NaN") == true)
            let chunks = try await BatchLoaderTests.count("select count(*)::int from zenglow.chunks", on: database)
            #expect(chunks == 0)
        }
    }
}
