import Configuration
import Foundation
import ZenGlowAPI
import ZenGlowDB
import ZenGlowEmbedded
import ZenGlowEmbedding

/// The one place the command line turns "nothing configured" into `zenglow dev`'s embedded
/// stack: database `zenglow` as `postgres` through the cluster's unix socket, and its Redis port.
enum EmbeddedDefaults {
    /// DATABASE_URL from the environment, else the embedded database.
    static func database(reader: ConfigReader = .environment) throws -> DatabaseConfiguration {
        try DatabaseConfiguration(reader: reader) { try embeddedDatabase(reader: reader) }
    }

    /// For `zenglow stats`: ANALYST_DATABASE_URL (a login that is zenglow_analyst itself) from the
    /// environment, else DATABASE_URL, else the embedded database.
    static func analystDatabase(reader: ConfigReader = .environment) throws -> DatabaseURL {
        if let text = reader.string(forKey: "analyst.database.url", isSecret: true), !text.isEmpty {
            return try DatabaseURL(parsing: text)
        }
        return try database(reader: reader).url
    }

    /// What `zenglow serve` falls back to.
    static func local(reader: ConfigReader) throws -> LocalDefaults {
        let embedded = try EmbeddedConfiguration(reader: reader)
        return LocalDefaults(
            database: try embeddedDatabase(reader: reader), redisPort: embedded.redisPort,
            modelDirectory: embedded.home + "/models/all-MiniLM-L6-v2")
    }

    /// EMBED_MODEL_DIR from the environment, else the folder `scripts/fetch-model` fills in the
    /// project folder (`.zenglow/models/all-MiniLM-L6-v2`).
    static func modelDirectory(reader: ConfigReader = .environment) throws -> ModelDirectory {
        if let path = reader.string(forKey: "embed.model.dir"), !path.isEmpty {
            return ModelDirectory(url: URL(fileURLWithPath: path))
        }
        let embedded = try EmbeddedConfiguration(reader: reader)
        return ModelDirectory(url: URL(fileURLWithPath: embedded.home + "/models/all-MiniLM-L6-v2"))
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
