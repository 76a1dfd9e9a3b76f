import Foundation
import ZenGlowIngest

/// Values of one kind in Redis — JSON, MessagePack or raw bytes — under compact keys
/// (``CacheKey/compact(prefix:namespace:key:)``). Every write carries a TTL (the one given, else
/// the namespace's default): `SET key value EX ttl`; nothing is ever stored without one.
public struct CacheNamespace: Sendable {
    /// The client every call goes through.
    public let client: RedisClient
    /// `REDIS_KEY_PREFIX`.
    public let prefix: String
    /// The namespace, part of every key (`[A-Za-z0-9_.:-]`, 1...64 characters).
    public let name: String
    /// The TTL of a write that gives none, in seconds.
    public let defaultTTL: Int

    /// A namespace called `name`. `prefix` and `defaultTTL` default to the client's
    /// `REDIS_KEY_PREFIX` and `DEFAULT_TTL_SECONDS`. Names are code constants: an invalid one
    /// (or a TTL outside 1 s...30 days) is a programming error and stops the process.
    public init(client: RedisClient, prefix: String? = nil, name: String, defaultTTL: Int? = nil) {
        let ttl = defaultTTL ?? client.configuration.defaultTTLSeconds
        precondition(
            (1...64).contains(name.count)
                && name.unicodeScalars.allSatisfy {
                    $0.isASCII
                        && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                            || "_.:-".unicodeScalars.contains($0))
                },
            "cache namespace \(name) must be 1...64 of the characters A-Z a-z 0-9 _ . : -")
        precondition(
            (1...RedisConfiguration.maximumTTLSeconds).contains(ttl),
            "cache namespace \(name): default TTL \(ttl) s is outside 1...\(RedisConfiguration.maximumTTLSeconds)")
        self.client = client
        self.prefix = prefix ?? client.configuration.keyPrefix
        self.name = name
        self.defaultTTL = ttl
    }

    /// The Redis key a value stored under `key` lives at.
    public func compactKey(forKey key: String) -> String {
        CacheKey.compact(prefix: prefix, namespace: name, key: key)
    }

    /// Stores `bytes` under `key` for `ttl` seconds (default ``defaultTTL``).
    public func setBytes(_ bytes: [UInt8], forKey key: String, ttl: Int? = nil) async throws {
        let seconds = ttl ?? defaultTTL
        guard (1...RedisConfiguration.maximumTTLSeconds).contains(seconds) else {
            throw CacheError(
                .invalidArgument,
                "TTL \(seconds) s for a value in cache namespace \(name) is outside 1...\(RedisConfiguration.maximumTTLSeconds)"
            )
        }
        let reply = try await client.command([
            Array("SET".utf8), Array(compactKey(forKey: key).utf8), bytes, Array("EX".utf8),
            Array(String(seconds).utf8),
        ])
        guard reply == .status("OK") else {
            throw CacheError(.unexpectedReply, "SET in cache namespace \(name) answered \(reply), not OK")
        }
    }

    /// The bytes stored under `key`, or nil when there are none (never stored, expired, removed).
    public func bytes(forKey key: String) async throws -> [UInt8]? {
        switch try await client.command([Array("GET".utf8), Array(compactKey(forKey: key).utf8)]) {
        case .string(let bytes): return bytes
        case .null: return nil
        default: throw CacheError(.unexpectedReply, "GET in cache namespace \(name) answered with a non-string reply")
        }
    }

    /// Removes the value under `key`; true when there was one.
    @discardableResult
    public func remove(forKey key: String) async throws -> Bool {
        try await client.command([Array("DEL".utf8), Array(compactKey(forKey: key).utf8)]) == .integer(1)
    }

    /// Stores `value` as JSON under `key`.
    public func setJSON<T: Encodable>(_ value: T, forKey key: String, ttl: Int? = nil) async throws {
        try await setBytes(Array(try JSONEncoder().encode(value)), forKey: key, ttl: ttl)
    }

    /// The JSON value under `key` decoded as `type`, or nil when there is none; a stored value that
    /// does not decode throws ``CacheError/Code/unexpectedReply`` (a caller may treat it as a miss).
    public func json<T: Decodable>(_ type: T.Type, forKey key: String) async throws -> T? {
        guard let bytes = try await bytes(forKey: key) else { return nil }
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw CacheError(
                .unexpectedReply, "the value in cache namespace \(name) is not JSON of \(T.self): \(error)")
        }
    }

    /// Stores `value` as MessagePack under `key`.
    public func setMessagePack(_ value: MessagePackValue, forKey key: String, ttl: Int? = nil) async throws {
        try await setBytes(MessagePackEncoder.encode(value), forKey: key, ttl: ttl)
    }

    /// The MessagePack value under `key`, or nil when there is none; undecodable bytes throw
    /// ``CacheError/Code/unexpectedReply``.
    public func messagePack(forKey key: String) async throws -> MessagePackValue? {
        guard let bytes = try await bytes(forKey: key) else { return nil }
        do {
            return try MessagePackDecoder().decode(bytes)
        } catch {
            throw CacheError(.unexpectedReply, "the value in cache namespace \(name) is not MessagePack: \(error)")
        }
    }
}
