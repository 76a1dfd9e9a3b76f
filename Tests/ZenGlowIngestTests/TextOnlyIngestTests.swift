import Logging
import PostgresNIO
import Testing
import ZenGlowDB
import ZenGlowEmbedding
import ZenGlowIngest
import ZenGlowTestSupport

/// Chunks sent without an embedding are embedded by the loader's embedder before COPY; the
/// manifest counts them; an embedder that fails, or none at all, fails the batch and writes nothing.
@Suite("text-only ingestion")
struct TextOnlyIngestTests {
    static let logger = Logger(label: "test.loader.text")

    /// An embedder that always fails, as an unreachable embedding server does.
    struct FailingEmbedder: TextEmbedder {
        let model = "all-MiniLM-L6-v2"
        let dimensions = 384
        func embed(_ texts: [String]) async throws -> [[Float]] {
            throw EmbeddingError(.embedderUnavailable, "embedder answered 503")
        }
    }

    static func textOnly(_ id: String, _ texts: [String]) -> IngestDocument {
        IngestDocument(
            id: id, title: id,
            chunks: texts.enumerated().map { IngestChunk(order: $0.offset, text: $0.element, embedding: nil) })
    }

    static func chunkCount(_ database: TestDatabase) async throws -> Int {
        try await BatchLoaderTests.count(
            "select count(*)::int from zenglow.chunks where tenant_id = 't1'", on: database)
    }

    @Test("chunks without embeddings get the local model's vectors, counted in the manifest")
    func embedsTextOnlyChunks() async throws {
        let encoder = try TestModel.encoder()
        let embedder = LocalEmbedder(encoder: encoder, threads: 2)
        try await BatchLoaderTests.withIngestSession { connection, database in
            let texts = ["how does the migrator handle locks?", "row level security keeps tenants apart"]
            var document = Self.textOnly("d1", texts)
            document.chunks.append(
                IngestChunk(order: 2, text: "sent with its own vector", embedding: BatchLoaderTests.embedding(1)))
            let batch = IngestBatch(tenant: "t1", tag: "text-1", source: "test", documents: [document])
            let result = try await BatchLoader(logger: Self.logger, embedder: embedder).load(batch, on: connection)
            #expect(result.accepted == 3)
            #expect(result.embedded == 2)
            let stored = try await database.withConnection { connection in
                var vectors: [Int: [Float]] = [:]
                let rows = try await connection.query(
                    "select chunk_order, embedding::real[] from zenglow.chunks where tenant_id = 't1' order by chunk_order",
                    logger: Self.logger)
                for try await (order, vector) in rows.decode((Int, [Float]).self) { vectors[order] = vector }
                return vectors
            }
            let expected = encoder.embed(texts)
            for (order, vector) in expected.enumerated() {
                #expect(TestModel.cosine(try #require(stored[order]), vector) > 0.99999)
            }
            #expect(stored[2] == BatchLoaderTests.embedding(1))
            #expect(
                try await BatchLoaderTests.count(
                    "select embedded::int from zenglow.batches where batch_tag = 'text-1'", on: database) == 2)

            let again = try await BatchLoader(logger: Self.logger, embedder: embedder).load(
                IngestBatch(tenant: "t1", tag: "text-1-again", source: "test", documents: [document]), on: connection)
            #expect(again.resubmitted, "the same text-only content sent again is recognised")
        }
    }

    @Test("a failing embedder fails the batch with its reason and writes nothing")
    func embedderFailureWritesNothing() async throws {
        try await BatchLoaderTests.withIngestSession { connection, database in
            let batch = IngestBatch(
                tenant: "t1", tag: "text-2", source: "test", documents: [Self.textOnly("d1", ["a text"])])
            let error = await #expect(throws: IngestError.self) {
                try await BatchLoader(logger: Self.logger, embedder: FailingEmbedder()).load(batch, on: connection)
            }
            #expect(error?.code == .embeddingFailed)
            #expect(error?.message.contains("embedder answered 503") == true)
            #expect(error?.message.contains("text-2") == true)
            let chunks = try await Self.chunkCount(database)
            let batches = try await BatchLoaderTests.count(
                "select count(*)::int from zenglow.batches where batch_tag = 'text-2'", on: database)
            #expect(chunks == 0)
            #expect(batches == 0)
        }
    }

    @Test("without an embedder, text-only chunks are refused by name and nothing is written")
    func noEmbedderIsRefused() async throws {
        try await BatchLoaderTests.withIngestSession { connection, database in
            let batch = IngestBatch(
                tenant: "t1", tag: "text-3", source: "test", documents: [Self.textOnly("d1", ["a", "b"])])
            let error = await #expect(throws: IngestError.self) {
                try await BatchLoader(logger: Self.logger).load(batch, on: connection)
            }
            #expect(error?.code == .noEmbedder)
            #expect(error?.message.contains("2 chunks have no embedding") == true)
            let chunks = try await Self.chunkCount(database)
            #expect(chunks == 0)
        }
    }

    @Test("a text-only chunk whose text is unusable is rejected by row, not embedded")
    func unusableTextIsRejectedNotEmbedded() async throws {
        let embedder = LocalEmbedder(encoder: try TestModel.encoder())
        try await BatchLoaderTests.withIngestSession { connection, _ in
            var document = Self.textOnly("d1", ["fine text", "   "])
            document.chunks.append(IngestChunk(order: 2, textBytes: [0x66, 0xFF, 0x66], embedding: nil))
            let batch = IngestBatch(tenant: "t1", tag: "text-4", source: "test", documents: [document])
            let result = try await BatchLoader(logger: Self.logger, embedder: embedder).load(batch, on: connection)
            #expect(result.accepted == 1)
            #expect(result.embedded == 1)
            #expect(result.rejections.map(\.row) == [2, 3])
            #expect(result.rejections.map(\.reason) == [.emptyText, .invalidUTF8])
        }
    }
}
