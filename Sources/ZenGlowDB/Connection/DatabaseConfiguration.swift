import Configuration

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
    /// - `database.url` (`DATABASE_URL`, string, secret, default: `embeddedDefault`, which the
    ///   command layer resolves to `zenglow dev`'s cluster; this module knows nothing of it).
    public init(reader: ConfigReader, embeddedDefault: () throws -> DatabaseURL) throws {
        if let text = reader.string(forKey: "database.url", isSecret: true), !text.isEmpty {
            self.init(url: try DatabaseURL(parsing: text))
        } else {
            self.init(url: try embeddedDefault(), isEmbeddedDefault: true)
        }
    }
}
