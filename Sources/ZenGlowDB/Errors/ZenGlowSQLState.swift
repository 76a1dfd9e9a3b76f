/// ZenGlow's own SQLSTATEs (class ZG), raised by the functions in `sql/` with a message, detail
/// and hint written for the person who sent the request. This is the one table of them: the API
/// maps each to an HTTP answer, the CLI prints the server's message, both by this name.
public struct ZenGlowSQLState: Hashable, Sendable, CustomStringConvertible {
    /// The five-character SQLSTATE, e.g. `ZG001`.
    public let code: String
    /// A stable snake_case name.
    public let name: String
    /// What it means, safe to show anyone when the server's own message is not at hand.
    public let meaning: String

    private init(_ code: String, _ name: String, _ meaning: String) {
        self.code = code
        self.name = name
        self.meaning = meaning
    }

    /// No active tenant is set for the transaction (unset, unknown or inactive).
    public static let unknownTenant = ZenGlowSQLState(
        "ZG001", "unknown_tenant", "the tenant is unknown or inactive")
    /// Fusion weights that are missing, negative, not finite, above the bound or summing to 0.
    public static let invalidWeights = ZenGlowSQLState(
        "ZG002", "invalid_weights", "the fusion weights are not valid")
    /// A batch state change the manifest's state machine does not allow.
    public static let invalidTransition = ZenGlowSQLState(
        "ZG003", "invalid_batch_transition", "the batch cannot change that way")
    /// A batch tag already used for other content.
    public static let batchTagReused = ZenGlowSQLState(
        "ZG004", "batch_tag_reused", "the batch tag was already used for other content")
    /// An attempt to change or delete audited, append-only history.
    public static let appendOnly = ZenGlowSQLState(
        "ZG005", "append_only", "audited history is never changed or deleted")
    /// An unknown embedding model, or none is active.
    public static let unknownModel = ZenGlowSQLState(
        "ZG006", "unknown_model", "no active embedding model is registered")
    /// The tenant has no such object (batch, tenant, key).
    public static let notFound = ZenGlowSQLState("ZG007", "not_found", "no such object")
    /// An embedding of the wrong dimension, with NaN or infinite values, or of zero length.
    public static let invalidEmbedding = ZenGlowSQLState(
        "ZG008", "invalid_embedding", "the embedding is not valid")
    /// An argument out of range or malformed (top_k, mode, filters, options, tenant id).
    public static let invalidArgument = ZenGlowSQLState(
        "ZG009", "invalid_argument", "an argument is out of range or malformed")
    /// The chunk partition a write needs is missing and could not be created (an object holds
    /// its name, the disk is full): the load was refused and may be retried once that is fixed.
    public static let partitionMissing = ZenGlowSQLState(
        "ZG010", "partition_missing", "the chunk partition is missing and could not be created")

    /// Every ZenGlow SQLSTATE, in code order.
    public static let all: [ZenGlowSQLState] = [
        unknownTenant, invalidWeights, invalidTransition, batchTagReused, appendOnly, unknownModel, notFound,
        invalidEmbedding, invalidArgument, partitionMissing,
    ]

    /// The entry for `sqlState`; nil when it is not one of ZenGlow's.
    public init?(sqlState: String) {
        guard let known = Self.all.first(where: { $0.code == sqlState }) else { return nil }
        self = known
    }

    public var description: String { "\(code) \(name)" }
}
