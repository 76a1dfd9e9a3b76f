import Configuration
import ZenGlowAPI
import ZenGlowDB
import ZenGlowEmbedded

/// The one place the command line turns "nothing configured" into `zenglow dev`'s embedded
/// stack: database `zenglow` as `postgres` through the cluster's unix socket, and its Redis port.
enum EmbeddedDefaults {
    /// DATABASE_URL from the environment, else the embedded database.
    static func database(reader: ConfigReader = .environment) throws -> DatabaseConfiguration {
        try DatabaseConfiguration(reader: reader) { try embeddedDatabase(reader: reader) }
    }

    /// What `zenglow serve` falls back to.
    static func local(reader: ConfigReader) throws -> LocalDefaults {
        let embedded = try EmbeddedConfiguration(reader: reader)
        return LocalDefaults(database: try embeddedDatabase(reader: reader), redisPort: embedded.redisPort)
    }

    private static func embeddedDatabase(reader: ConfigReader) throws -> DatabaseURL {
        let embedded = try EmbeddedConfiguration(reader: reader)
        return DatabaseURL(
            user: PostgresCluster.superuser, port: embedded.postgresPort, database: "zenglow",
            socketDirectory: embedded.home + "/postgres/run")
    }
}

extension ConfigReader {
    /// The process environment.
    static var environment: ConfigReader { ConfigReader(provider: EnvironmentVariablesProvider()) }
}
