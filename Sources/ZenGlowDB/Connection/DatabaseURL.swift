import Foundation
import NIOSSL
import PostgresNIO

/// A libpq-style connection URL: `postgresql://user:password@host:port/database?sslmode=…&host=/socket/dir`.
public struct DatabaseURL: Sendable, Equatable {
    public var user: String
    public var password: String?
    /// A host name or address for TCP; nil when `socketDirectory` is used.
    public var host: String?
    public var port: Int
    public var database: String
    /// The directory of PostgreSQL's unix socket (libpq's `host=/path`).
    public var socketDirectory: String?
    public var sslMode: String

    public init(
        user: String,
        password: String? = nil,
        host: String? = nil,
        port: Int = 5432,
        database: String,
        socketDirectory: String? = nil,
        sslMode: String = "prefer"
    ) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.socketDirectory = socketDirectory
        self.sslMode = sslMode
    }

    /// Parses `text`; the error names what is wrong (and `key`, the setting it came from) without
    /// repeating the password.
    public init(parsing text: String, key: String = "DATABASE_URL") throws {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme)
        else {
            throw DatabaseError(
                .invalidURL, "\(key) must look like postgresql://user:password@host:5432/database")
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") },
            uniquingKeysWith: { _, last in last }
        )
        self.user = components.percentEncodedUser?.removingPercentEncoding ?? query["user"] ?? "postgres"
        self.password = components.percentEncodedPassword?.removingPercentEncoding ?? query["password"]
        let socketHost = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        self.socketDirectory = socketHost
        self.host = socketHost == nil ? (components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost") : nil
        self.port = components.port ?? query["port"].flatMap(Int.init) ?? 5432
        let path = components.path.drop { $0 == "/" }
        self.database = path.isEmpty ? self.user : String(path)
        self.sslMode = query["sslmode"] ?? "prefer"
        guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(sslMode) else {
            throw DatabaseError(.invalidURL, "\(key) has an unknown sslmode '\(sslMode)'")
        }
    }

    /// The URL with the password replaced by `****`, safe to print and log.
    public var redacted: String {
        let credentials = user + (password == nil ? "" : ":****")
        if let socketDirectory {
            return "postgresql://\(credentials)@/\(database)?host=\(socketDirectory)&port=\(port)"
        }
        return "postgresql://\(credentials)@\(host ?? "localhost"):\(port)/\(database)"
    }

    /// The same server, another database.
    public func with(database: String) -> DatabaseURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// Connection settings for postgres-nio.
    public func connectionConfiguration(applicationName: String = "zenglow") throws -> PostgresConnection.Configuration
    {
        var configuration: PostgresConnection.Configuration
        if let socketDirectory {
            configuration = .init(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)",
                username: user,
                password: password,
                database: database
            )
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch sslMode {
            case "disable", "allow": tls = .disable
            case "prefer": tls = .prefer(try .init(configuration: .makeClientConfiguration()))
            default: tls = .require(try .init(configuration: .makeClientConfiguration()))
            }
            configuration = .init(
                host: host ?? "localhost",
                port: port,
                username: user,
                password: password,
                database: database,
                tls: tls
            )
        }
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        return configuration
    }
}
