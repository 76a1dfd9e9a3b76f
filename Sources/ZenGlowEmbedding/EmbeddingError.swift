/// An error from loading the embedding model or embedding text.
public struct EmbeddingError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is; stable across releases so scripts and health checks can match on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case modelFileMissing = "model_file_missing"
            case modelChecksumMismatch = "model_checksum_mismatch"
            case modelFileUnreadable = "model_file_unreadable"
            case corruptWeights = "corrupt_weights"
            case unsupportedModel = "unsupported_model"
            case invalidText = "invalid_text"
            case embedderUnavailable = "embedder_unavailable"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A file the model needs is not in the model folder.
        public static let modelFileMissing = Code(.modelFileMissing)
        /// `model.safetensors` is not the file this model is known by.
        public static let modelChecksumMismatch = Code(.modelChecksumMismatch)
        /// A model file exists but cannot be opened, mapped or parsed.
        public static let modelFileUnreadable = Code(.modelFileUnreadable)
        /// The safetensors header or a tensor in it is malformed.
        public static let corruptWeights = Code(.corruptWeights)
        /// The folder holds a model of a shape or kind this encoder does not run.
        public static let unsupportedModel = Code(.unsupportedModel)
        /// The text cannot be embedded (for example, it is not valid UTF-8).
        public static let invalidText = Code(.invalidText)
        /// The configured embedder failed or is not configured.
        public static let embedderUnavailable = Code(.embedderUnavailable)

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
