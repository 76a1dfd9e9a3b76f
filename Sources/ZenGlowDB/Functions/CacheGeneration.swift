/// What a cached `POST /rag/query` answer of one tenant depends on besides the request, as
/// `zenglow_api.cache_generation()` reads it: a cache key that holds all of it cannot find an
/// answer computed before any part changed, so entries never need invalidating.
public struct CacheGeneration: Sendable, Equatable {
    /// This database's random id, so that databases sharing one Redis never share entries.
    public var installation: String
    /// The fusion-weights version `rag_query` uses: the tenant's newest, else the newest global one.
    public var weightsVersion: Int64
    /// The learning-to-rank version `rag_query` uses (the newest); nil while there is none.
    public var ltrVersion: Int64?
    /// The active embedding model's name.
    public var model: String?
    /// The tenant's corpus epoch, advanced by every committed change to what retrieval reads.
    public var corpusEpoch: Int64
    /// When the epoch, the weights version and the LTR version were made and when the schema
    /// last changed, hashed: a restored or copied database can repeat version numbers with other
    /// contents, not the instants they were made at; an upgrade of `rag_query` changes it too.
    public var stamp: String
    /// The retrieval-settings version `rag_query` takes the options a request omits from (the
    /// tenant's newest, else the newest global one); nil while only the built-in defaults apply.
    public var settingsVersion: Int64?

    /// A generation from its parts.
    public init(
        installation: String, weightsVersion: Int64, ltrVersion: Int64?, model: String?, corpusEpoch: Int64,
        stamp: String = "", settingsVersion: Int64? = nil
    ) {
        self.installation = installation
        self.weightsVersion = weightsVersion
        self.ltrVersion = ltrVersion
        self.model = model
        self.corpusEpoch = corpusEpoch
        self.stamp = stamp
        self.settingsVersion = settingsVersion
    }
}
