/// One batch to load: documents of one tenant, each split into chunks with their embeddings.
public struct IngestBatch: Sendable {
    /// The tenant the batch is loaded under (it must exist and be active).
    public var tenant: String
    /// The batch's tag, unique per tenant (`[A-Za-z0-9][A-Za-z0-9._:-]{0,127}`).
    public var tag: String
    /// Where the batch comes from; also the default source of its documents.
    public var source: String
    public var documents: [IngestDocument]

    public init(tenant: String, tag: String, source: String, documents: [IngestDocument]) {
        self.tenant = tenant
        self.tag = tag
        self.source = source
        self.documents = documents
    }
}

/// A document and its chunks.
public struct IngestDocument: Sendable {
    public var id: String
    /// Overrides the batch's source when set.
    public var source: String?
    public var title: String
    /// A JSON object; rows whose metadata is not one are rejected.
    public var metadataJSON: String
    public var chunks: [IngestChunk]

    public init(
        id: String, source: String? = nil, title: String = "", metadataJSON: String = "{}", chunks: [IngestChunk]
    ) {
        self.id = id
        self.source = source
        self.title = title
        self.metadataJSON = metadataJSON
        self.chunks = chunks
    }
}

/// One chunk: its position in the document, its text as received (UTF-8 bytes, validated when
/// loading) and its embedding by the active model, or none for the loader to embed the text.
public struct IngestChunk: Sendable {
    public var order: Int
    public var textBytes: [UInt8]
    /// Nil when the chunk came as text only: the loader embeds it with its embedder.
    public var embedding: [Float]?

    public init(order: Int, text: String, embedding: [Float]?) {
        self.init(order: order, textBytes: Array(text.utf8), embedding: embedding)
    }

    public init(order: Int, textBytes: [UInt8], embedding: [Float]?) {
        self.order = order
        self.textBytes = textBytes
        self.embedding = embedding
    }
}
