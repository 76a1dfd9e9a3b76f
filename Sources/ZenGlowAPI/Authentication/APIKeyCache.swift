import Foundation
import ZenGlowKeys

/// Successful key checks, remembered so that most requests need no database call for their key.
/// Safe because invalidation does not depend on time alone: an entry lives at most `ttl` and
/// never past the key's expiry; a revoked or edited key is dropped when its `zenglow_keys`
/// notification arrives; and the cache is only consulted while the LISTEN connection is up (it
/// is emptied on every reconnect), so a notification lost with a connection cannot keep a
/// revoked key alive.
public actor APIKeyCache {
    struct Entry {
        let digest: [UInt8]
        let principal: Principal
        let validUntil: Date
    }

    private var entries: [String: Entry] = [:]
    private var enabled = false
    let ttl: TimeInterval
    let capacity: Int

    public init(ttl: TimeInterval, capacity: Int = 10_000) {
        self.ttl = ttl
        self.capacity = capacity
    }

    /// The principal of `key` when a still-valid check of the same secret is remembered.
    func principal(for key: APIKey) -> Principal? {
        guard enabled, let entry = entries[key.prefix] else { return nil }
        guard entry.validUntil > Date(), entry.digest == key.secretDigest else {
            entries[key.prefix] = nil
            return nil
        }
        return entry.principal
    }

    func remember(_ key: APIKey, principal: Principal, expiresAt: Date?) {
        guard enabled, ttl > 0 else { return }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        let bound = Date().addingTimeInterval(ttl)
        entries[key.prefix] = Entry(
            digest: key.secretDigest, principal: principal, validUntil: min(bound, expiresAt ?? bound))
    }

    /// A key changed in the database.
    func forget(prefix: String) {
        entries[prefix] = nil
    }

    /// The LISTEN connection came up (after emptying) or went down (stop using the cache).
    func listenerConnected(_ connected: Bool) {
        entries.removeAll()
        enabled = connected
    }
}
