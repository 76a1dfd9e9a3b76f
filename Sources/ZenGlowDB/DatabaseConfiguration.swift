import Configuration
import ZenGlowEmbedded

/// Which PostgreSQL ZenGlow talks to.
public struct DatabaseConfiguration: Sendable {
    /// The primary: migrations, writes and LISTEN go here.
    public var url: DatabaseURL
    /// True when `url` is the embedded default rather than DATABASE_URL.
    public var isEmbeddedDefault: Bool

    public init(url: DatabaseURL, isEmbeddedDefault: Bool = false) {
        self.url = url
        self.isEmbeddedDefault = isEmbeddedDefault
    }

    /// Reads the configuration.
    ///
    /// - `database.url` (`DATABASE_URL`, string, secret, default: the embedded default, i.e. database
    ///   `zenglow` as `postgres` through the unix socket of `zenglow dev`'s cluster).
    public init(reader: ConfigReader) throws {
        if let text = reader.string(forKey: "database.url", isSecret: true), !text.isEmpty {
            self.init(url: try DatabaseURL(parsing: text))
        } else {
            self.init(url: Self.embeddedDefault(try EmbeddedConfiguration(reader: reader)), isEmbeddedDefault: true)
        }
    }

    /// The configuration from the process environment.
    public static func fromEnvironment() throws -> DatabaseConfiguration {
        try DatabaseConfiguration(reader: ConfigReader(provider: EnvironmentVariablesProvider()))
    }

    /// The database `zenglow dev up` creates in its private cluster.
    public static func embeddedDefault(_ embedded: EmbeddedConfiguration) -> DatabaseURL {
        DatabaseURL(
            user: PostgresCluster.superuser,
            port: embedded.postgresPort,
            database: "zenglow",
            socketDirectory: embedded.home + "/postgres/run"
        )
    }
}
