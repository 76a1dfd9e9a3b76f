import NIOSSL
import PostgresNIO

extension DatabaseURL {
    /// Pool settings for a `PostgresClient` reaching this database; `startupParameters` are sent
    /// on every connection the pool opens (application_name, role, …).
    public func clientConfiguration(startupParameters: [(String, String)]) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketDirectory {
            configuration = .init(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password,
                database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS
            switch sslMode {
            case "disable", "allow": tls = .disable
            case "prefer": tls = .prefer(.makeClientConfiguration())
            default: tls = .require(.makeClientConfiguration())
            }
            configuration = .init(
                host: host ?? "localhost", port: port, username: user, password: password, database: database, tls: tls)
        }
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }
}
