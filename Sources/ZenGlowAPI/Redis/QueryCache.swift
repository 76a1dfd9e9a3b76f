import Foundation
import Logging
import Tracing
import ZenGlowCache
import ZenGlowDB

/// The `POST /rag/query` response cache in Redis (see ``QueryCacheKey`` for why an entry can
/// never be stale). Entries live `DEFAULT_TTL_SECONDS`. A Redis failure is a `bypass`, never an
/// error: the answer comes from the database as if there were no cache.
struct QueryCache: Sendable {
    let redis: APIRedis
    /// Identifies the embedder that turns query text into a vector (part of every key).
    let embedder: String

    /// Whether a lookup is worth its generation read: while Redis is known to be down, a PING
    /// (no network at all inside the fail-fast window) decides, so an outage does not cost the
    /// database one extra call per query, and the first PING that succeeds brings the cache back.
    func isUsable() async -> Bool {
        if redis.isReachable { return true }
        return await redis.attempt("cache") { try await $0.command("PING") } != nil
    }

    /// The stored answer under `key`, or nil (a miss, or Redis unreachable: `reachable` false);
    /// the `cache.lookup` span, whose `zg.cache.result` is `hit`, `miss` or `unreachable`.
    func lookup(_ key: QueryCacheKey) async -> (answer: CachedAnswer?, reachable: Bool) {
        await withSpan("cache.lookup", ofKind: .client) { span in
            let reply = await redis.attempt("cache") { client in
                try await client.command([Array("GET".utf8), Array(key.text.utf8)])
            }
            let found: (answer: CachedAnswer?, reachable: Bool)
            switch reply {
            case .string(let bytes): found = (CachedAnswer(stored: String(decoding: bytes, as: UTF8.self)), true)
            case .none: found = (nil, false)
            default: found = (nil, true)
            }
            span.attributes["db.system.name"] = "redis"
            span.attributes["zg.cache.result"] = found.answer != nil ? "hit" : found.reachable ? "miss" : "unreachable"
            return found
        }
    }

    /// Stores `answer` under `key` with the default TTL: no entry without an expiry.
    func store(_ answer: CachedAnswer, under key: QueryCacheKey) async {
        let ttl = String(redis.configuration.defaultTTLSeconds)
        _ = await redis.attempt("cache") { client in
            try await client.command([
                Array("SET".utf8), Array(key.text.utf8), Array(answer.stored.utf8), Array("EX".utf8), Array(ttl.utf8),
            ])
        }
    }
}
