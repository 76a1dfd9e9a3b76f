import ZenGlowCache

extension RedisConfiguration {
    /// The Redis keys in effect for `GET /config/env`; the password only as set or not.
    func effectiveEnvironment() -> [String: String] {
        [
            "REDIS_HOST": host, "REDIS_PORT": String(port), "REDIS_DB": String(database),
            "REDIS_PASSWORD": password == nil ? "(not set)" : "(set)", "REDIS_SSL": "false",
            "REDIS_CONNECT_TIMEOUT_MS": String(connectTimeoutMilliseconds),
            "REDIS_TIMEOUT_MS": String(commandTimeoutMilliseconds), "REDIS_POOL_SIZE": String(poolSize),
            "REDIS_RETRY_MS": String(retryMilliseconds), "DEFAULT_TTL_SECONDS": String(defaultTTLSeconds),
            "REDIS_BUILD_CHANNEL": buildChannel, "REDIS_KEY_PREFIX": keyPrefix,
        ]
    }
}
