/// An error from reading, decoding or loading ingest input.
public struct IngestError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is; stable across releases so scripts can match on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case corruptCompressedData = "corrupt_compressed_data"
            case decompressedTooLarge = "decompressed_too_large"
            case compressionFailed = "compression_failed"
            case unknownTenant = "unknown_tenant"
            case noEmbedder = "no_embedder"
            case embeddingFailed = "embedding_failed"
            case embedderModelMismatch = "embedder_model_mismatch"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The input is not a complete, valid zstd stream.
        public static let corruptCompressedData = Code(.corruptCompressedData)
        /// The input expands past the configured limit.
        public static let decompressedTooLarge = Code(.decompressedTooLarge)
        /// zstd could not compress the input.
        public static let compressionFailed = Code(.compressionFailed)
        /// The batch names a tenant that does not exist or is inactive; nothing was loaded.
        public static let unknownTenant = Code(.unknownTenant)
        /// Chunks came without embeddings and the loader has no embedder; nothing was loaded.
        public static let noEmbedder = Code(.noEmbedder)
        /// The embedder failed; nothing was loaded.
        public static let embeddingFailed = Code(.embeddingFailed)
        /// The embedder embeds with another model than the active one; nothing was loaded.
        public static let embedderModelMismatch = Code(.embedderModelMismatch)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let message: String
    public let file: String
    public let line: Int

    public init(_ code: Code, _ message: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String { message }
}
