import ZenGlowEmbedding

extension BatchLoader {
    /// `batch` with every text-only chunk embedded (in one call to the embedder, which batches),
    /// and how many were. Chunks whose text validation will refuse anyway are left as they are.
    /// An embedder failure throws before anything is written.
    func embedTextOnlyChunks(of batch: IngestBatch) async throws -> (IngestBatch, Int) {
        var places: [(document: Int, chunk: Int)] = []
        var texts: [String] = []
        for (d, document) in batch.documents.enumerated() {
            for (c, chunk) in document.chunks.enumerated() where chunk.embedding == nil {
                guard let text = chunk.checkedText.usableText else { continue }
                places.append((d, c))
                texts.append(text)
            }
        }
        guard !texts.isEmpty else { return (batch, 0) }
        guard let embedder else {
            throw IngestError(
                .noEmbedder,
                "batch \(batch.tag): \(texts.count) chunks have no embedding and this server has no embedder (EMBED_PROVIDER=none); send embeddings or configure an embedder; nothing loaded"
            )
        }
        let vectors: [[Float]]
        do {
            vectors = try await embedder.embed(texts)
        } catch {
            throw IngestError(
                .embeddingFailed,
                "batch \(batch.tag): embedding \(texts.count) chunks with \(embedder.model) failed: \(error); nothing loaded"
            )
        }
        guard vectors.count == texts.count else {
            throw IngestError(
                .embeddingFailed,
                "batch \(batch.tag): the embedder returned \(vectors.count) vectors for \(texts.count) texts; nothing loaded"
            )
        }
        var embedded = batch
        for (place, vector) in zip(places, vectors) {
            embedded.documents[place.document].chunks[place.chunk].embedding = vector
        }
        logger.debug(
            "embedded text-only chunks",
            metadata: [
                "zg.batch.tag": "\(batch.tag)", "zg.embedded": "\(texts.count)", "zg.model": "\(embedder.model)",
            ])
        return (embedded, texts.count)
    }
}
