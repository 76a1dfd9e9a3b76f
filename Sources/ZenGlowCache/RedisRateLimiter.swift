/// One rate limit shared by every instance that uses the same Redis: each decision is one GCRA
/// step in Redis (``GCRAScript``, one EVALSHA round trip), per key, under `<prefix>:rl:<key>`.
///
/// Costs: 0 checks without consuming (and writes nothing); a negative cost, or one above the
/// burst — which no amount of waiting could ever allow — throws ``CacheError/Code/invalidArgument``
/// instead of returning a "retry later" that would never come true.
public struct RedisRateLimiter: Sendable {
    /// The client every decision goes through.
    public let client: RedisClient
    /// `REDIS_KEY_PREFIX`.
    public let prefix: String
    /// Burst and rate.
    public let policy: RateLimitPolicy

    /// A limiter of `policy`; `prefix` defaults to the client's `REDIS_KEY_PREFIX`.
    public init(client: RedisClient, prefix: String? = nil, policy: RateLimitPolicy) {
        self.client = client
        self.prefix = prefix ?? client.configuration.keyPrefix
        self.policy = policy
    }

    /// Where the bucket of `key` lives: `<prefix>:rl:<key>` for a key of 1...64 characters of
    /// `[A-Za-z0-9_.:-]`, else `<prefix>:rl:#<sha1 of key>` (no caller text in a key name, and
    /// `#` keeps hashed names apart from plain ones).
    public func redisKey(for key: String) -> String {
        let plain =
            (1...64).contains(key.utf8.count)
            && key.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.:-".unicodeScalars.contains($0))
            }
        return "\(prefix):rl:" + (plain ? key : "#" + CacheKey.sha1Hex(key))
    }

    /// Decides one request of `cost` for `key`, counting it when allowed.
    public func acquire(key: String, cost: Int = 1) async throws -> RateLimitOutcome {
        guard cost >= 0 else {
            throw CacheError(.invalidArgument, "rate-limit cost \(cost) is negative")
        }
        guard cost <= policy.burst else {
            throw CacheError(
                .invalidArgument,
                "rate-limit cost \(cost) exceeds the burst \(policy.burst): such a request can never be allowed")
        }
        let reply = try await client.evaluate(
            GCRAScript.script, keys: [redisKey(for: key)],
            arguments: [String(policy.emissionIntervalMicroseconds), String(policy.burst), String(cost)])
        guard case .array(let values) = reply, values.count == 4,
            case .integer(let allowed) = values[0], case .integer(let remaining) = values[1],
            case .integer(let retry) = values[2], case .integer(let reset) = values[3]
        else {
            throw CacheError(.unexpectedReply, "the rate-limit script answered \(reply), not four integers")
        }
        return RateLimitOutcome(
            allowed: allowed == 1, limit: policy.burst, remaining: Int(remaining),
            retryAfterSeconds: allowed == 1 ? 0 : max(1, Self.wholeSeconds(retry)),
            resetAfterSeconds: Self.wholeSeconds(reset))
    }

    /// Microseconds rounded up to whole seconds.
    private static func wholeSeconds(_ microseconds: Int64) -> Int {
        Int((max(microseconds, 0) + 999_999) / 1_000_000)
    }
}
