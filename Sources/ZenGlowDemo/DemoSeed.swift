import Crypto
import Foundation
import Logging
import PostgresNIO
import ZenGlowDB
import ZenGlowEmbedding
import ZenGlowIngest
import ZenGlowKeys

/// What `make dev` serves: ZenGlow's own documentation, chunked and embedded by the local
/// all-MiniLM-L6-v2 encoder, in tenant `demo`, and a dev API key kept in the project folder.
public struct DemoSeed: Sendable {
    public struct Result: Sendable {
        public let chunks: Int
        public let batchTag: String
        public let resubmitted: Bool
        public let key: String
        public let keyCreated: Bool
    }

    let url: DatabaseURL
    /// The repository root, whose README.md and docs/*.md are the corpus.
    let root: String
    /// Where the dev key is kept between runs (mode 600, git-ignored).
    let keyFile: String
    /// Embeds the chunks (sent to the loader as text only); its model becomes the active one.
    let embedder: any TextEmbedder
    let logger: Logger

    public init(url: DatabaseURL, root: String, keyFile: String, embedder: any TextEmbedder, logger: Logger) {
        self.url = url
        self.root = root
        self.keyFile = keyFile
        self.embedder = embedder
        self.logger = logger
    }

    public func run() async throws -> Result {
        let batch = try corpus()
        let loader = BatchLoader(logger: logger, embedder: embedder)
        let prepared = try await loader.prepare(batch)
        return try await url.withConnection(applicationName: "zenglow-dev-seed", logger: logger) { connection in
            try await connection.createTenant(
                Principal.devTenant, displayName: "Demo: ZenGlow's own documentation", logger: logger)
            try await activateDemoModel(connection)
            let loaded = try await loader.load(prepared, on: connection)
            let (key, created) = try await devKey(connection)
            return Result(
                chunks: batch.documents.reduce(0) { $0 + $1.chunks.count }, batchTag: batch.tag,
                resubmitted: loaded.resubmitted, key: key, keyCreated: created)
        }
    }

    /// README.md and docs/*.md, one document per file, tagged by their content so that an
    /// unchanged corpus is a resubmission that changes nothing.
    func corpus() throws -> IngestBatch {
        let files =
            ["README.md"]
            + ((try? FileManager.default.contentsOfDirectory(atPath: root + "/docs")) ?? [])
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        let chunker = MarkdownChunker()
        var documents: [IngestDocument] = []
        var hasher = SHA256()
        for file in files {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            hasher.update(data: Data((file + "\u{0}" + text).utf8))
            let (title, chunks) = chunker.chunks(of: text, fallbackTitle: file)
            documents.append(
                IngestDocument(
                    id: file, source: "zenglow-docs", title: title, metadataJSON: #"{"path": "\#(file)"}"#,
                    chunks: chunks.enumerated().map {
                        IngestChunk(order: $0.offset, text: $0.element, embedding: nil)
                    }))
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined().prefix(12)
        return IngestBatch(
            tenant: Principal.devTenant, tag: "docs-\(embedder.model)-\(digest)", source: "zenglow-docs",
            documents: documents)
    }

    /// Makes the embedder's model (all-MiniLM-L6-v2, in the registry since the first migrations)
    /// the active one, so that query embeddings and chunks agree; a dev database seeded by an
    /// earlier ZenGlow with another model switches over.
    private func activateDemoModel(_ connection: PostgresConnection) async throws {
        let model = embedder.model
        try await connection.execute(
            """
            insert into zenglow.models (model_name, dimension, source)
            values (\(model), \(embedder.dimensions), 'zenglow dev seed: the local embedder')
            on conflict (model_name) do nothing
            """, logger: logger)
        try await connection.execute(
            """
            select zenglow.activate_model(\(model), 'zenglow dev seed')
            where not exists (select from zenglow.models where active and model_name = \(model))
            """, logger: logger)
    }

    /// The key in `keyFile` while it still works; otherwise a new one, written there.
    private func devKey(_ connection: PostgresConnection) async throws -> (String, Bool) {
        if let text = try? String(contentsOfFile: keyFile, encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines),
            let key = APIKey(parsing: text)
        {
            let check = try await connection.checkAPIKey(
                prefix: key.prefix, secretDigest: key.secretDigest, logger: logger)
            if check.status == "ok" { return (text, false) }
        }
        let created = try await KeyStore(connection: connection, logger: logger).create(
            tenant: Principal.devTenant, name: "make dev", scopes: Principal.Scope.allCases, expiresIn: nil)
        guard
            FileManager.default.createFile(
                atPath: keyFile, contents: Data((created.key + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else { throw DemoSeedError(description: "cannot write the dev key to \(keyFile)") }
        return (created.key, true)
    }
}

/// The dev key could not be kept.
struct DemoSeedError: Error, CustomStringConvertible {
    let description: String
}
