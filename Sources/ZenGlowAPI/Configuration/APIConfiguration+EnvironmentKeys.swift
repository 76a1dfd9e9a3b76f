import ZenGlowCache

extension APIConfiguration {
    /// Every environment variable `zenglow serve` reads (current names, not the deprecated ones),
    /// in the order `.env.example` lists them; a test keeps the two equal.
    public static let environmentKeys: [String] =
        [
            "ZENGLOW_PROFILE", "HTTP_HOST", "HTTP_PORT",
            "DATABASE_URL", "DATABASE_ROLE", "DATABASE_POOL_SIZE",
            "DATABASE_READ_URL", "DATABASE_READ_POOL_SIZE", "READ_LSN_WAIT_MS", "READ_CONNECT_TIMEOUT_MS",
            "READ_REPLICA_RETRY_MS", "READ_REPLICA_RETRY_MAX_MS", "DATABASE_LISTEN_URL",
            "REDIS_ENABLED",
        ] + RedisConfiguration.environmentKeys + [
            "CACHE_ENABLED", "ENABLE_API_KEYS", "RATE_LIMIT_PER_SECOND", "RATE_LIMIT_BURST",
            "MAX_ACTIVE_SESSIONS", "MAX_ACTIVE_SESSIONS_WAIT_MS", "SESSION_LEASE_SECONDS",
            "RAG_TOP_K_DEFAULT", "RAG_TOP_K_MAX", "RAG_FUSION_MODE", "RAG_FUSION_CANDIDATES",
            "QUERY_MAX_BODY_BYTES", "INGEST_MAX_BODY_BYTES",
            "EMBED_PROVIDER", "EMBED_MODEL_DIR", "EMBED_THREADS", "EMBED_BASE_URL", "EMBED_MODEL",
            "EMBED_DIMENSIONS", "EMBED_API_KEY", "EMBED_TIMEOUT_MS",
            "LOG_QUERY_TEXT", "LOG_LEVEL", "WEIGHTS_POLL_SECONDS", "KEY_CACHE_SECONDS", "LISTENER_BACKOFF_MAX_MS",
            "PERFORMANCE_BUFFER", "PERFORMANCE_BATCH", "PERFORMANCE_FLUSH_MS",
        ]
}
