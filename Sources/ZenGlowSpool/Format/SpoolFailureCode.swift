/// Why a spool file (or one of its frames) could not be loaded: the `reason` of its
/// `failed/NAME.reason.json` and the `reason` label of `zenglow_ingest_rejected_total`. Stable.
public enum SpoolFailureCode: String, Sendable, Codable, CaseIterable {
    /// The MessagePack value ends early.
    case truncated
    /// Not MessagePack this reader accepts (an extension type, bytes after the value).
    case invalidMsgpack = "invalid_msgpack"
    case invalidUTF8 = "invalid_utf8"
    /// Nested deeper than the decoder allows.
    case tooDeep = "too_deep"
    /// The file (or a frame) is larger than SPOOL_MAX_FILE_BYTES allows.
    case tooLarge = "too_large"
    /// zstd data that expands past SPOOL_MAX_DECOMPRESSED_BYTES: refused, not expanded.
    case zstdBomb = "zstd_bomb"
    case corruptZstd = "corrupt_zstd"
    /// A segment frame's length prefix points past the end of the file (or is zero).
    case frameLength = "frame_length"
    case wrongType = "wrong_type"
    case missingField = "missing_field"
    case unknownField = "unknown_field"
    case invalidValue = "invalid_value"
    /// The tenant the file names does not exist or is inactive.
    case unknownTenant = "unknown_tenant"
    /// The batch tag was loaded before with other content (ZG004).
    case tagReused = "tag_reused"
    /// INGEST_PII=reject and a chunk holds personal data or a credential.
    case piiRejected = "pii_rejected"
    /// The embedder failed on every attempt.
    case embeddingFailed = "embedding_failed"
    /// The chunk partition could not be made on every attempt (ZG010).
    case partitionMissing = "partition_missing"
    /// The database refused the batch for another reason.
    case database
    /// A transient failure outlasted SPOOL_MAX_ATTEMPTS (the file was claimed that many times).
    case maxAttempts = "max_attempts"
    /// The file name ends in none of `.msgpack`, `.msgpack.zst`, `.segment`, `.segment.zst`.
    case unknownFormat = "unknown_format"
    /// The file could not be opened or read.
    case unreadable
}
