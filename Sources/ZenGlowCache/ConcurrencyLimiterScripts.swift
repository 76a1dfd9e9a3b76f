/// The Lua scripts behind ``RedisConcurrencyLimiter`` (Stripe's concurrency limiter): KEYS[1] is
/// a sorted set whose members are lease ids scored by their expiry in milliseconds on Redis's
/// clock. Each first drops expired leases, so a lease of a dead instance stops counting by
/// itself; each write moves the set's own expiry to its latest lease (PEXPIREAT), so the set
/// never outlives its leases and is never left without a TTL.
enum ConcurrencyLimiterScripts {
    /// Shared opening: `now` in ms, expired leases dropped.
    private static let prologue = """
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        local function expire_with_latest()
          local latest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
          if latest[2] then redis.call('PEXPIREAT', KEYS[1], string.format('%d', tonumber(latest[2]))) end
        end

        """

    /// ARGV: lease id, limit, lease ms. 1 when the lease is held (taken now, or already held and
    /// renewed), 0 when `limit` others hold one.
    static let acquire = RedisScript(
        source: prologue + """
            if redis.call('ZSCORE', KEYS[1], ARGV[1]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
              redis.call('ZADD', KEYS[1], string.format('%d', now + tonumber(ARGV[3])), ARGV[1])
              expire_with_latest()
              return 1
            end
            return 0
            """)

    /// ARGV: lease id, lease ms. 1 when the lease was held and now lasts another lease, 0 when it
    /// had expired or was never taken (it is not taken now: its slot may be someone else's).
    static let renew = RedisScript(
        source: prologue + """
            if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
            redis.call('ZADD', KEYS[1], 'XX', string.format('%d', now + tonumber(ARGV[2])), ARGV[1])
            expire_with_latest()
            return 1
            """)

    /// No ARGV: how many unexpired leases there are.
    static let active = RedisScript(
        source: prologue + """
            return redis.call('ZCARD', KEYS[1])
            """)
}
