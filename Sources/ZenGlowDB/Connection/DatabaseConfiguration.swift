import Configuration

/// Which PostgreSQL ZenGlow talks to.
public struct DatabaseConfiguration: Sendable {
    /// The primary: migrations, writes and LISTEN go here.
    public var url: DatabaseURL
    /// True when `url` is the embedded default rather than DATABASE_URL.
    public var isEmbeddedDefault: Bool
    /// A streaming replica for read-only retrieval; nil: every read goes to `url`.
    public var readURL: DatabaseURL?
    /// Where LISTEN connects when `url` goes through a transaction pooler (PgBouncer cannot carry
    /// a LISTEN across transactions); nil: `url`.
    public var listenURL: DatabaseURL?

    public init(
        url: DatabaseURL, isEmbeddedDefault: Bool = false, readURL: DatabaseURL? = nil, listenURL: DatabaseURL? = nil
    ) {
        self.url = url
        self.isEmbeddedDefault = isEmbeddedDefault
        self.readURL = readURL
        self.listenURL = listenURL
    }

    /// The primary LISTEN uses: `listenURL` when set, else `url`.
    public var listenTarget: DatabaseURL { listenURL ?? url }

    /// Reads the configuration.
    ///
    /// - `database.url` (`DATABASE_URL`, string, secret, default: `embeddedDefault`, which the
    ///   command layer resolves to `zenglow dev`'s cluster; this module knows nothing of it).
    /// - `database.read.url` (`DATABASE_READ_URL`, string, secret, none): a streaming replica of
    ///   that primary for read-only retrieval.
    /// - `database.listen.url` (`DATABASE_LISTEN_URL`, string, secret, default `DATABASE_URL`):
    ///   the primary itself, for LISTEN, when `DATABASE_URL` names a transaction pooler.
    public init(reader: ConfigReader, embeddedDefault: () throws -> DatabaseURL) throws {
        if let text = reader.string(forKey: "database.url", isSecret: true), !text.isEmpty {
            self.init(url: try DatabaseURL(parsing: text))
        } else {
            self.init(url: try embeddedDefault(), isEmbeddedDefault: true)
        }
        if let text = reader.string(forKey: "database.read.url", isSecret: true), !text.isEmpty {
            readURL = try DatabaseURL(parsing: text, key: "DATABASE_READ_URL")
        }
        if let text = reader.string(forKey: "database.listen.url", isSecret: true), !text.isEmpty {
            listenURL = try DatabaseURL(parsing: text, key: "DATABASE_LISTEN_URL")
        }
    }
}
