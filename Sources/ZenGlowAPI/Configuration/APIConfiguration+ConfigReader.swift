import Configuration
import Foundation
import ZenGlowCache
import ZenGlowDB

extension APIConfiguration {
    /// Reads every key listed on ``APIConfiguration``; throws ``ConfigurationError`` naming each
    /// missing or malformed key at once. `localDefaults` fills in `DATABASE_URL`, `REDIS_PORT` and
    /// `EMBED_MODEL_DIR` when they are unset (the dev stack); without it `DATABASE_URL` is required.
    public init(reader: ConfigReader, localDefaults: LocalDefaults? = nil) throws {
        var problems: [String] = []
        var warnings: [String] = []
        func text(_ key: String, env: String, deprecated: (key: String, env: String)? = nil) -> String? {
            if let value = reader.string(forKey: ConfigKey(key)), !value.isEmpty { return value }
            if let deprecated, let value = reader.string(forKey: ConfigKey(deprecated.key)), !value.isEmpty {
                warnings.append("\(deprecated.env) is deprecated; read as \(env) — rename it")
                return value
            }
            return nil
        }
        func integer(
            _ key: String, env: String, _ value: inout Int, range: ClosedRange<Int>,
            deprecated: (key: String, env: String)? = nil
        ) {
            guard let raw = text(key, env: env, deprecated: deprecated) else { return }
            guard let parsed = Int(raw), range.contains(parsed) else {
                problems.append("\(env)=\(raw) is not an integer in \(range.lowerBound)...\(range.upperBound)")
                return
            }
            value = parsed
        }
        func number(_ key: String, env: String, _ value: inout Double, range: ClosedRange<Double>) {
            guard let raw = text(key, env: env) else { return }
            guard let parsed = Double(raw), range.contains(parsed) else {
                problems.append("\(env)=\(raw) is not a number in \(range.lowerBound)...\(range.upperBound)")
                return
            }
            value = parsed
        }
        func flag(_ key: String, env: String, _ value: inout Bool) {
            guard let raw = text(key, env: env) else { return }
            switch raw.lowercased() {
            case "true", "1", "yes", "on": value = true
            case "false", "0", "no", "off": value = false
            default: problems.append("\(env)=\(raw) is not a boolean (true or false)")
            }
        }

        let profileText = text("zenglow.profile", env: "ZENGLOW_PROFILE") ?? "dev"
        let profile = Profile(rawValue: profileText.lowercased())
        if profile == nil {
            let known = Profile.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append("ZENGLOW_PROFILE=\(profileText) is not one of \(known)")
        }
        let databaseURL = reader.string(forKey: "database.url", isSecret: true)
        if let profile, profile.requiresExplicitInfrastructure {
            let name = profile.rawValue
            if databaseURL?.isEmpty ?? true { problems.append("DATABASE_URL is required in the \(name) profile") }
            if text("redis.host", env: "REDIS_HOST") == nil {
                problems.append("REDIS_HOST is required in the \(name) profile")
            }
            if text("redis.port", env: "REDIS_PORT") == nil {
                problems.append("REDIS_PORT is required in the \(name) profile")
            }
        }
        let unset = DatabaseURL(user: "postgres", database: "zenglow")
        var database = DatabaseConfiguration(url: localDefaults?.database ?? unset, isEmbeddedDefault: true)
        do {
            database = try DatabaseConfiguration(reader: reader) {
                guard let local = localDefaults?.database else { throw LocalDefaultsMissing() }
                return local
            }
        } catch is LocalDefaultsMissing {
            if !(profile?.requiresExplicitInfrastructure ?? false) { problems.append("DATABASE_URL is required") }
        } catch {
            problems.append("\(error)")
        }
        self.init(database: database)
        self.profile = profile ?? .dev
        host = text("http.host", env: "HTTP_HOST") ?? host
        integer("http.port", env: "HTTP_PORT", &port, range: 0...65535)
        databaseRole = text("database.role", env: "DATABASE_ROLE") ?? databaseRole
        integer("database.pool.size", env: "DATABASE_POOL_SIZE", &poolSize, range: 1...1000)
        integer("database.read.pool.size", env: "DATABASE_READ_POOL_SIZE", &readPoolSize, range: 1...1000)
        integer("read.lsn.wait.ms", env: "READ_LSN_WAIT_MS", &readLSNWaitMilliseconds, range: 0...60_000)
        integer(
            "read.connect.timeout.ms", env: "READ_CONNECT_TIMEOUT_MS", &readConnectTimeoutMilliseconds,
            range: 10...60_000)
        integer("read.replica.retry.ms", env: "READ_REPLICA_RETRY_MS", &readRetryMilliseconds, range: 10...600_000)
        integer(
            "read.replica.retry.max.ms", env: "READ_REPLICA_RETRY_MAX_MS", &readRetryMaxMilliseconds,
            range: 10...3_600_000)
        flag("redis.enabled", env: "REDIS_ENABLED", &redisEnabled)
        let (redis, redisProblems) = RedisConfiguration.read(
            from: reader, defaultPort: localDefaults?.redisPort ?? 6379)
        self.redis = redis
        problems += redisProblems
        flag("cache.enabled", env: "CACHE_ENABLED", &cacheEnabled)
        flag("enable.api.keys", env: "ENABLE_API_KEYS", &apiKeysEnabled)
        if !apiKeysEnabled && self.profile.requiresExplicitInfrastructure {
            problems.append("ENABLE_API_KEYS=false is allowed in the dev profile only")
        }
        number("rate.limit.per.second", env: "RATE_LIMIT_PER_SECOND", &rateLimitPerSecond, range: 0...10_000)
        integer("rate.limit.burst", env: "RATE_LIMIT_BURST", &rateLimitBurst, range: 1...1_000_000)
        integer("max.active.sessions", env: "MAX_ACTIVE_SESSIONS", &maxActiveSessions, range: 0...1_000_000)
        integer(
            "max.active.sessions.wait.ms", env: "MAX_ACTIVE_SESSIONS_WAIT_MS", &activeSessionWaitMilliseconds,
            range: 0...60_000)
        integer("session.lease.seconds", env: "SESSION_LEASE_SECONDS", &sessionLeaseSeconds, range: 1...3600)
        integer(
            "rag.top.k.default", env: "RAG_TOP_K_DEFAULT", &topKDefault, range: 1...1000,
            deprecated: ("rag.top.k", "RAG_TOP_K"))
        integer("rag.top.k.max", env: "RAG_TOP_K_MAX", &topKMax, range: 1...1000)
        if topKDefault > topKMax {
            problems.append("RAG_TOP_K_DEFAULT (\(topKDefault)) exceeds RAG_TOP_K_MAX (\(topKMax))")
        }
        fusionMode =
            text("rag.fusion.mode", env: "RAG_FUSION_MODE", deprecated: ("fusion.mode", "FUSION_MODE")) ?? fusionMode
        if !RagQueryRequest.modes.contains(fusionMode) {
            problems.append(
                "RAG_FUSION_MODE=\(fusionMode) is not one of \(RagQueryRequest.modes.joined(separator: ", "))")
        }
        integer(
            "rag.fusion.candidates", env: "RAG_FUSION_CANDIDATES", &fusionCandidates, range: 1...1000,
            deprecated: ("fusion.candidates", "FUSION_CANDIDATES"))
        integer("query.max.body.bytes", env: "QUERY_MAX_BODY_BYTES", &queryMaxBodyBytes, range: 1024...(1 << 30))
        integer("ingest.max.body.bytes", env: "INGEST_MAX_BODY_BYTES", &ingestMaxBodyBytes, range: 1024...(1 << 31))
        problems += readEmbedder(reader: reader, localDefaults: localDefaults)
        flag("log.query.text", env: "LOG_QUERY_TEXT", &logQueryText)
        logLevel = text("log.level", env: "LOG_LEVEL") ?? logLevel
        number("weights.poll.seconds", env: "WEIGHTS_POLL_SECONDS", &weightsPollSeconds, range: 0.05...86400)
        number("key.cache.seconds", env: "KEY_CACHE_SECONDS", &keyCacheSeconds, range: 0...3600)
        integer(
            "listener.backoff.max.ms", env: "LISTENER_BACKOFF_MAX_MS", &listenerBackoffMaxMilliseconds,
            range: 10...600_000)
        integer("performance.buffer", env: "PERFORMANCE_BUFFER", &performanceBuffer, range: 1...1_000_000)
        integer("performance.batch", env: "PERFORMANCE_BATCH", &performanceBatch, range: 1...10_000)
        integer("performance.flush.ms", env: "PERFORMANCE_FLUSH_MS", &performanceFlushMilliseconds, range: 1...60_000)
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        self.warnings = warnings
    }
}

private struct LocalDefaultsMissing: Error {}

/// The configuration cannot be used; `problems` names each key at fault.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let problems: [String]

    public var description: String {
        "invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

extension APIConfiguration {
    /// The reader `zenglow serve` uses: the process environment, then the optional `.env` file at
    /// `environmentFile` (the environment wins).
    public static func reader(environmentFile: String = ".env") async throws -> ConfigReader {
        ConfigReader(providers: [
            EnvironmentVariablesProvider(),
            try await EnvironmentVariablesProvider(environmentFilePath: .init(environmentFile), allowMissing: true),
        ])
    }
}
