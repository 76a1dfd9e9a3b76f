/// Where Redis is and how ZenGlow talks to it, read once at start-up.
///
/// Keys (environment variable, type, default):
/// - `REDIS_HOST` (string, `127.0.0.1`), `REDIS_PORT` (int 1...65535; default the caller's — the
///   embedded dev Redis port for `zenglow serve`).
/// - `REDIS_DB` (int 0...1023, 0): the logical database, chosen with SELECT after every connect
///   (Redis has 16 unless its `databases` setting says more; the start-up probe names `REDIS_DB`
///   when the server refuses it).
/// - `REDIS_PASSWORD` (string, secret, none): sent with AUTH after every connect; never logged,
///   never in an error or a description.
/// - `REDIS_SSL` (bool, false): `true` is refused. hiredis 0.14 on this distribution has no TLS,
///   and ZenGlow will not silently connect in clear; put a TLS tunnel (stunnel, spiped) on
///   loopback and point `REDIS_HOST` at it.
/// - `REDIS_CONNECT_TIMEOUT_MS` (int 1...60000, 250): how long a connect may take.
/// - `REDIS_TIMEOUT_MS` (int 1...60000, 250): how long one command may take.
/// - `REDIS_POOL_SIZE` (int 1...64, 4): connections, and the threads that use them.
/// - `REDIS_RETRY_MS` (int 0...600000, 1000): after a connection failure every call fails at once,
///   without a connect attempt, for this long — a dead Redis costs requests nothing — then one
///   call tries again. 0 tries on every call.
/// - `DEFAULT_TTL_SECONDS` (int 1...2592000 (30 days), 3600): the expiry of a cached value when
///   its writer gives none; nothing is ever written without one.
/// - `REDIS_BUILD_CHANNEL` (string of `[A-Za-z0-9_.:-]`, 1...128, `build_updates`): where build
///   updates are published.
/// - `REDIS_KEY_PREFIX` (string of `[A-Za-z0-9_.-]`, 1...32, `zg`): every key ZenGlow writes starts
///   with `<prefix>:`, so one Redis can serve several deployments.
public struct RedisConfiguration: Sendable {
    /// `REDIS_HOST`.
    public var host: String
    /// `REDIS_PORT`.
    public var port: Int
    /// `REDIS_DB`.
    public var database = 0
    /// `REDIS_PASSWORD`; nil sends no AUTH.
    public var password: String?
    /// `REDIS_CONNECT_TIMEOUT_MS`.
    public var connectTimeoutMilliseconds = 250
    /// `REDIS_TIMEOUT_MS`.
    public var commandTimeoutMilliseconds = 250
    /// `REDIS_POOL_SIZE`.
    public var poolSize = 4
    /// `REDIS_RETRY_MS`.
    public var retryMilliseconds = 1000
    /// `DEFAULT_TTL_SECONDS`.
    public var defaultTTLSeconds = 3600
    /// `REDIS_BUILD_CHANNEL`.
    public var buildChannel = "build_updates"
    /// `REDIS_KEY_PREFIX`.
    public var keyPrefix = "zg"
    /// What every connection calls itself (CLIENT SETNAME), so `CLIENT LIST` shows ZenGlow's
    /// connections; not read from the environment.
    public var clientName = "zenglow"

    /// The longest `DEFAULT_TTL_SECONDS` (and TTL of any cached value): 30 days.
    public static let maximumTTLSeconds = 30 * 24 * 3600

    /// Defaults everywhere; `port` is the caller's (6379 is Redis's own).
    public init(host: String = "127.0.0.1", port: Int = 6379) {
        self.host = host
        self.port = port
    }

    /// `host:port db N`, for logs and errors; never the password.
    public var endpointDescription: String { "\(host):\(port) db \(database)" }

    /// `host:port`, as errors name the server.
    var endpoint: String { "\(host):\(port)" }
}

extension RedisConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "Redis \(endpointDescription)" + (password == nil ? "" : " with REDIS_PASSWORD")
    }

    public var debugDescription: String { description }

    /// Shows every setting but the password, which `dump` and reflection would otherwise print.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "host": host, "port": port, "database": database, "password": password == nil ? "none" : "****",
                "connectTimeoutMilliseconds": connectTimeoutMilliseconds,
                "commandTimeoutMilliseconds": commandTimeoutMilliseconds, "poolSize": poolSize,
                "retryMilliseconds": retryMilliseconds, "defaultTTLSeconds": defaultTTLSeconds,
                "buildChannel": buildChannel, "keyPrefix": keyPrefix, "clientName": clientName,
            ])
    }
}
