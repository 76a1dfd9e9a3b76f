/// The one Lua script behind ``RedisRateLimiter``: GCRA as redis-cell computes it, in one atomic
/// EVALSHA per decision, on Redis's clock (`TIME`), so instances with skewed clocks agree.
///
/// The key holds the theoretical arrival time (TAT) in microseconds. A request of cost `c` is
/// allowed when `max(TAT, now) + c × interval − interval × burst ≤ now`; then the TAT moves on.
/// A limited request changes nothing, so the TAT never exceeds `now + interval × burst` — and a
/// stored one beyond that (a policy with a smaller burst, a clock stepped back, a foreign value)
/// is clamped to it. Every write sets PX to the time until the bucket is full again (≥ 1 ms), at
/// which point the key has nothing left to remember; a write-free decision (cost 0, or limited)
/// repairs a key found without a TTL. Numbers stay below 2^53 µs (``RateLimitPolicy``), and are
/// written with `%d`, not Lua's default 14-digit formatting.
///
/// KEYS[1] the bucket; ARGV: interval µs, burst, cost. Returns {allowed 0|1, remaining,
/// retry-after µs, reset-after µs}.
enum GCRAScript {
    static let script = RedisScript(
        source: """
            local key = KEYS[1]
            local interval = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local cost = tonumber(ARGV[3])
            if not interval or not burst or not cost or interval < 1 or burst < 1 or cost < 0 or cost > burst then
              return redis.error_reply('ERR zenglow gcra: interval, burst or cost out of range')
            end
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
            local tolerance = interval * burst
            local stored = redis.call('GET', key)
            local tat = tonumber(stored)
            local repair = stored and not tat
            if not tat or tat < now then tat = now end
            if tat > now + tolerance then
              tat = now + tolerance
              repair = true
            end
            local new_tat = tat + interval * cost
            local allowed = new_tat - tolerance <= now
            local kept = tat
            if allowed and cost > 0 then
              kept = new_tat
              repair = true
            elseif stored and redis.call('PTTL', key) < 0 then
              repair = true
            end
            if repair then
              if kept > now then
                redis.call('SET', key, string.format('%d', kept), 'PX', string.format('%d', math.ceil((kept - now) / 1000)))
              else
                redis.call('DEL', key)
              end
            end
            local remaining = math.floor((tolerance - (kept - now)) / interval)
            if remaining < 0 then remaining = 0 end
            local retry = 0
            if not allowed then retry = new_tat - tolerance - now end
            return {allowed and 1 or 0, remaining, retry, kept - now}
            """)
}
