import ZenGlowDB

/// Where `zenglow serve` connects when `DATABASE_URL` or `REDIS_PORT` are not set: the embedded
/// stack of `zenglow dev`, resolved by the command layer (the API knows nothing of it). Without
/// them, `DATABASE_URL` is required.
public struct LocalDefaults: Sendable {
    public var database: DatabaseURL
    public var redisPort: Int

    public init(database: DatabaseURL, redisPort: Int) {
        self.database = database
        self.redisPort = redisPort
    }
}
