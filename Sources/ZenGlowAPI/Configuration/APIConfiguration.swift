import Configuration
import Foundation
import ZenGlowCache
import ZenGlowDB

/// Everything `zenglow serve` can be told, read once at start-up.
///
/// Keys (environment variable, type, default):
/// - `ZENGLOW_PROFILE` (`dev` | `prod`, default `dev`). In `prod`, `DATABASE_URL`, `REDIS_HOST` and
///   `REDIS_PORT` are required and `ENABLE_API_KEYS=false` is refused.
/// - `HTTP_HOST` (string, `127.0.0.1`), `HTTP_PORT` (int, 8080).
/// - `DATABASE_URL` (string, secret; default the embedded dev cluster), `DATABASE_ROLE` (string,
///   `zenglow_app`: the role every API connection acts as; sent as the `role` startup parameter
///   unless `DATABASE_URL`'s user is that role, as it must be through PgBouncer), `DATABASE_POOL_SIZE`
///   (int, 8).
/// - `DATABASE_READ_URL` (string, secret, none): a streaming replica; `POST /rag/query` reads there
///   (docs/scaling.md), everything else stays on `DATABASE_URL`. `DATABASE_READ_POOL_SIZE` (int, 8).
///   `READ_LSN_WAIT_MS` (int 0...60,000, 500): how long a query's `min_lsn` waits for the replica
///   to replay that far before it reads on the primary. `READ_CONNECT_TIMEOUT_MS` (int, 1000): how
///   long to wait for a replica connection before reading on the primary. `READ_REPLICA_RETRY_MS`
///   (int, 1000) and `READ_REPLICA_RETRY_MAX_MS` (int, 30,000): after a failure the replica is
///   left alone this long, doubling per failure in a row up to the maximum.
/// - `DATABASE_LISTEN_URL` (string, secret, default `DATABASE_URL`): the primary itself, for LISTEN,
///   when `DATABASE_URL` names a transaction pooler (PgBouncer).
/// - `REDIS_ENABLED` (bool, true): whether the API uses Redis at all. `false` means the
///   per-instance rate limit and session cap, no response cache and no build updates.
/// - The Redis client's keys (`REDIS_HOST`, `REDIS_PORT` — default the embedded Redis port —
///   `REDIS_DB`, `REDIS_PASSWORD`, `REDIS_SSL`, timeouts, pool, `DEFAULT_TTL_SECONDS`,
///   `REDIS_BUILD_CHANNEL`, `REDIS_KEY_PREFIX`): see ``RedisConfiguration``.
/// - `CACHE_ENABLED` (bool, true): the `POST /rag/query` response cache (needs Redis).
/// - `ENABLE_API_KEYS` (bool, true).
/// - `RATE_LIMIT_PER_SECOND` (double 0...10,000, 50; 0 turns limiting off), `RATE_LIMIT_BURST` (int, 100):
///   per API key, shared by every instance through Redis (GCRA).
/// - `MAX_ACTIVE_SESSIONS` (int, 100; 0 turns the cap off): queries and ingests in flight across
///   all instances; `MAX_ACTIVE_SESSIONS_WAIT_MS` (int, 1000) how long a request over the cap waits
///   for a slot before a 503; `SESSION_LEASE_SECONDS` (int, 30): a slot held by an instance that
///   died is free again after this long (live requests renew theirs).
/// - `RAG_TOP_K_DEFAULT` (int, 10; formerly `RAG_TOP_K`), `RAG_TOP_K_MAX` (int, 100),
///   `RAG_FUSION_MODE` (`fusion` | `rrf` | `bm25` | `vector`, `fusion`; formerly `FUSION_MODE`),
///   `RAG_FUSION_CANDIDATES` (int, 200; formerly `FUSION_CANDIDATES`).
/// - `QUERY_MAX_BODY_BYTES` (int, 1 MiB), `INGEST_MAX_BODY_BYTES` (int, 32 MiB).
/// - `EMBED_PROVIDER` (`local` | `openai` | `none`; default `openai` when `EMBED_BASE_URL` is set,
///   else `local` in the dev profile and `none` in prod): where query embeddings (and
///   `POST /v1/embeddings`) come from. `local` runs all-MiniLM-L6-v2 in-process from
///   `EMBED_MODEL_DIR`, loaded and checked when the application is built.
/// - `EMBED_MODEL_DIR` (path; default the project's `.zenglow/models/all-MiniLM-L6-v2` from
///   ``LocalDefaults``, required in prod when the provider is `local`), `EMBED_THREADS` (int
///   1...64, 1: how many ~2,048-token slices of one embedding call run in parallel).
/// - `EMBED_BASE_URL` (http(s) URL, none; required by `openai`), `EMBED_MODEL` (string,
///   `all-MiniLM-L6-v2`), `EMBED_DIMENSIONS` (int 1...16384, 384: the width the endpoint must
///   answer with), `EMBED_API_KEY` (string, secret, none), `EMBED_TIMEOUT_MS` (int, 2000).
/// - `LOG_QUERY_TEXT` (bool, false), `LOG_LEVEL` (string, `info`).
/// - `WEIGHTS_POLL_SECONDS` (double, 30): the backstop re-read of fusion weights.
/// - `KEY_CACHE_SECONDS` (double, 60; 0 turns it off): how long a successful key check is
///   remembered (never past the key's expiry; revocations arrive by NOTIFY at once).
/// - `LISTENER_BACKOFF_MAX_MS` (int, 5000): the cap of the LISTEN reconnect backoff.
/// - `PERFORMANCE_BUFFER` (int, 2000), `PERFORMANCE_BATCH` (int, 200), `PERFORMANCE_FLUSH_MS`
///   (int, 250): the bounded, batched writer of query_performance records.
public struct APIConfiguration: Sendable {
    /// `staging` is the seeds' staging environment: prod's requirements, with traces exported
    /// (ZenGlowTracing turns them on in that profile).
    public enum Profile: String, Sendable, CaseIterable {
        case dev, staging, prod

        /// Whether the profile runs against real infrastructure: every setting the embedded default
        /// would otherwise supply must be given.
        public var requiresExplicitInfrastructure: Bool { self != .dev }
    }

    public var profile: Profile = .dev
    public var host = "127.0.0.1"
    public var port = 8080
    public var database: DatabaseConfiguration
    public var databaseRole = "zenglow_app"
    public var poolSize = 8
    public var readPoolSize = 8
    public var readLSNWaitMilliseconds = 500
    public var readConnectTimeoutMilliseconds = 1000
    public var readRetryMilliseconds = 1000
    public var readRetryMaxMilliseconds = 30_000
    public var redisEnabled = true
    public var redis = RedisConfiguration()
    public var cacheEnabled = true
    public var apiKeysEnabled = true
    public var rateLimitPerSecond = 50.0
    public var rateLimitBurst = 100
    public var maxActiveSessions = 100
    public var activeSessionWaitMilliseconds = 1000
    public var sessionLeaseSeconds = 30
    public var topKDefault = 10
    public var topKMax = 100
    public var fusionMode = "fusion"
    public var fusionCandidates = 200
    public var queryMaxBodyBytes = 1 << 20
    public var ingestMaxBodyBytes = 32 << 20
    public var embedProvider: EmbedProvider = .none
    /// The model folder of the `local` provider.
    public var embedModelDirectory: String?
    public var embedThreads = 1
    /// The endpoint of the `openai` provider.
    public var embedder: EmbedderConfiguration?
    public var logQueryText = false
    public var logLevel = "info"
    public var weightsPollSeconds = 30.0
    public var keyCacheSeconds = 60.0
    public var listenerBackoffMaxMilliseconds = 5000
    public var performanceBuffer = 2000
    public var performanceBatch = 200
    public var performanceFlushMilliseconds = 250
    /// Deprecation notices to log at start-up (old key names that were used).
    public var warnings: [String] = []

    public init(database: DatabaseConfiguration) {
        self.database = database
    }
}

/// Where embeddings come from when a request brings none (`EMBED_PROVIDER`).
public enum EmbedProvider: String, Sendable, CaseIterable {
    /// all-MiniLM-L6-v2 in-process, from `EMBED_MODEL_DIR`.
    case local
    /// An OpenAI-compatible `POST {EMBED_BASE_URL}/embeddings`.
    case openai
    /// No embedder: queries without an embedding are answered lexically.
    case none
}

/// The `openai` provider's endpoint: an OpenAI-compatible `POST {baseURL}/embeddings`.
public struct EmbedderConfiguration: Sendable {
    public var baseURL: String
    public var model: String
    /// The width every answered vector must have.
    public var dimensions: Int
    public var apiKey: String?
    public var timeoutMilliseconds: Int

    public init(
        baseURL: String, model: String, dimensions: Int = 384, apiKey: String? = nil, timeoutMilliseconds: Int = 2000
    ) {
        self.baseURL = baseURL
        self.model = model
        self.dimensions = dimensions
        self.apiKey = apiKey
        self.timeoutMilliseconds = timeoutMilliseconds
    }
}
