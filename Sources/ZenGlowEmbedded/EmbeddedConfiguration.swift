import Configuration
import Foundation

/// Where the embedded default keeps its servers, and which ports they use.
public struct EmbeddedConfiguration: Sendable {
    /// The project folder holding PostgreSQL's data, Redis's data, sockets and logs.
    public var home: String
    /// TCP port of the embedded PostgreSQL (also names its unix socket).
    public var postgresPort: Int
    /// TCP port of the embedded Redis.
    public var redisPort: Int
    /// Directory holding `initdb`, `pg_ctl` and `postgres` of PostgreSQL 15.
    public var postgresBinDirectory: String
    /// Directory holding `redis-server` and `redis-cli`.
    public var redisBinDirectory: String

    /// Defaults: `.zenglow/` under the current directory, PostgreSQL on 55432, Redis on 56379.
    public init(
        home: String = FileManager.default.currentDirectoryPath + "/.zenglow",
        postgresPort: Int = 55432,
        redisPort: Int = 56379,
        postgresBinDirectory: String = "/usr/lib/postgresql/15/bin",
        redisBinDirectory: String = "/usr/bin"
    ) {
        self.home = home
        self.postgresPort = postgresPort
        self.redisPort = redisPort
        self.postgresBinDirectory = postgresBinDirectory
        self.redisBinDirectory = redisBinDirectory
    }

    /// Reads the configuration; every key is optional.
    ///
    /// - `zenglow.home` (`ZENGLOW_HOME`, string, default `./.zenglow`): the project folder.
    /// - `zenglow.dev.postgres.port` (`ZENGLOW_DEV_POSTGRES_PORT`, int, default 55432).
    /// - `zenglow.dev.redis.port` (`ZENGLOW_DEV_REDIS_PORT`, int, default 56379).
    /// - `zenglow.postgres.bin` (`ZENGLOW_POSTGRES_BIN`, string, default `/usr/lib/postgresql/15/bin`).
    /// - `zenglow.redis.bin` (`ZENGLOW_REDIS_BIN`, string, default `/usr/bin`).
    public init(reader: ConfigReader) throws {
        let defaults = EmbeddedConfiguration()
        let home = reader.string(forKey: "zenglow.home", default: defaults.home)
        self.home = URL(fileURLWithPath: home).standardizedFileURL.path
        self.postgresPort = try Self.port(reader, "zenglow.dev.postgres.port", default: defaults.postgresPort)
        self.redisPort = try Self.port(reader, "zenglow.dev.redis.port", default: defaults.redisPort)
        self.postgresBinDirectory = reader.string(
            forKey: "zenglow.postgres.bin",
            default: defaults.postgresBinDirectory
        )
        self.redisBinDirectory = reader.string(forKey: "zenglow.redis.bin", default: defaults.redisBinDirectory)
    }

    private static func port(_ reader: ConfigReader, _ key: ConfigKey, default value: Int) throws -> Int {
        guard let text = reader.string(forKey: key) else { return value }
        guard let port = Int(text), (1...65535).contains(port) else {
            let variable = key.components.joined(separator: "_").uppercased()
            throw EmbeddedError(.invalidConfiguration, "\(variable)='\(text)' is not a TCP port (1-65535)")
        }
        return port
    }
}

extension EmbeddedConfiguration {
    /// The configuration from the process environment (`ZENGLOW_HOME`, `ZENGLOW_DEV_POSTGRES_PORT`, …).
    public static func fromEnvironment() throws -> EmbeddedConfiguration {
        try EmbeddedConfiguration(reader: ConfigReader(provider: EnvironmentVariablesProvider()))
    }
}
