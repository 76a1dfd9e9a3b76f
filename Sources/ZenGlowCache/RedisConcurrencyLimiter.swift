/// A cap on work in flight across every instance that shares a Redis: leases in the sorted set
/// `<prefix>:<name>` (``ConcurrencyLimiterScripts``), one atomic script per operation. A holder
/// renews its lease while it works; a lease its holder never releases — the instance died —
/// expires after `leaseMilliseconds` and frees its slot. Waiting and renewal timing are the
/// caller's; this type is the Redis part only.
public struct RedisConcurrencyLimiter: Sendable {
    /// The client every call goes through.
    public let client: RedisClient
    /// The sorted set holding the leases.
    public let key: String
    /// Limit and lease length.
    public let policy: ConcurrencyPolicy

    /// A limiter of `policy` over `<prefix>:<name>`; `prefix` defaults to the client's
    /// `REDIS_KEY_PREFIX`, `name` to `sessions`.
    public init(client: RedisClient, prefix: String? = nil, name: String = "sessions", policy: ConcurrencyPolicy) {
        self.client = client
        self.key = "\(prefix ?? client.configuration.keyPrefix):\(name)"
        self.policy = policy
    }

    /// Takes a slot for `leaseID` (unique per piece of work, e.g. a UUID); false when `limit`
    /// unexpired leases are held. Acquiring a lease already held renews it.
    public func acquire(leaseID: String) async throws -> Bool {
        try Self.check(leaseID)
        return try await flag(
            ConcurrencyLimiterScripts.acquire,
            [leaseID, String(policy.limit), String(policy.leaseMilliseconds)])
    }

    /// Gives the slot of `leaseID` back; false when it was not held (expired or never taken).
    @discardableResult
    public func release(leaseID: String) async throws -> Bool {
        try Self.check(leaseID)
        return try await client.command([Array("ZREM".utf8), Array(key.utf8), Array(leaseID.utf8)]) == .integer(1)
    }

    /// Makes the lease of `leaseID` last another `leaseMilliseconds` from now; false when it had
    /// already expired (the holder should treat its slot as lost).
    @discardableResult
    public func renew(leaseID: String) async throws -> Bool {
        try Self.check(leaseID)
        return try await flag(ConcurrencyLimiterScripts.renew, [leaseID, String(policy.leaseMilliseconds)])
    }

    /// How many unexpired leases are held now, across every instance.
    public func active() async throws -> Int {
        guard
            case .integer(let count) = try await client.evaluate(
                ConcurrencyLimiterScripts.active, keys: [key], arguments: [])
        else { throw CacheError(.unexpectedReply, "the concurrency script for \(key) did not answer a count") }
        return Int(count)
    }

    private func flag(_ script: RedisScript, _ arguments: [String]) async throws -> Bool {
        let reply = try await client.evaluate(script, keys: [key], arguments: arguments)
        guard case .integer(let value) = reply else {
            throw CacheError(.unexpectedReply, "the concurrency script for \(key) answered \(reply), not 0 or 1")
        }
        return value == 1
    }

    private static func check(_ leaseID: String) throws {
        guard (1...200).contains(leaseID.utf8.count) else {
            throw CacheError(.invalidArgument, "a lease id must be 1...200 bytes, not \(leaseID.utf8.count)")
        }
    }
}
