import Crypto
import Foundation
import ZenGlowDB

/// The Redis key of one `POST /rag/query` answer:
/// `<REDIS_KEY_PREFIX>:rag:q:<sha1>:<top_k>:w<weights version>:l<LTR version>:e<corpus epoch>:s<settings version>`.
///
/// The sha1 covers everything in the request that shapes the answer — the database installation,
/// the tenant, the query text, top_k, mode, filters, explain, the retrieval options — and where
/// the query vector comes from: the client's own embedding (its bytes), or the embedder that will
/// make one (provider, model, weights digest or endpoint), plus the active embedding model and the
/// generation's stamp (when its versions were made and the schema last changed: a restored
/// database repeating version numbers, or an upgraded `rag_query`, gets other keys). The
/// suffix is the tenant's generation read from PostgreSQL just before the lookup: a committed
/// batch, a retention run or a weight, LTR, retrieval-settings or model change moves it, so older entries are never
/// read again (they expire by TTL) — no invalidation, no scan, no stale answer.
struct QueryCacheKey: Sendable, Equatable, CustomStringConvertible {
    /// Bumped when the key's contents change meaning, so an upgrade never reads old entries.
    static let layout = "v1"

    let text: String

    init(
        prefix: String, tenant: String, arguments: RagQueryArguments, embedder: String,
        generation: CacheGeneration
    ) {
        var hash = Insecure.SHA1()
        func field(_ value: String) {
            hash.update(data: Data(value.utf8))
            hash.update(data: [0x1f])
        }
        field(Self.layout)
        field(generation.installation)
        field(tenant)
        field(arguments.query)
        field(String(arguments.topK))
        field(arguments.mode)
        field(arguments.filtersJSON)
        field(arguments.explain ? "explain" : "plain")
        field(arguments.optionsJSON)
        if let embedding = arguments.embedding {
            field("embedding")
            embedding.withUnsafeBytes { hash.update(bufferPointer: $0) }
            hash.update(data: [0x1f])
        } else {
            field("embedder")
            field(embedder)
        }
        field(generation.model ?? "")
        field(generation.stamp)
        let digest = hash.finalize().map { String(format: "%02x", $0) }.joined()
        text =
            "\(prefix):rag:q:\(digest):\(arguments.topK):w\(generation.weightsVersion)"
            + ":l\(generation.ltrVersion.map(String.init) ?? "-"):e\(generation.corpusEpoch)"
            + ":s\(generation.settingsVersion.map(String.init) ?? "-")"
    }

    var description: String { text }
}
