import Logging
import PostgresNIO
import ZenGlowDB
import ZenGlowEmbedded

/// One database of the throwaway test cluster, reached as the superuser through the unix socket.
public struct TestDatabase: Sendable {
    static let logger = Logger(label: "zenglow.test")

    public let name: String
    public let cluster: PostgresCluster

    /// This database as ZenGlow addresses databases: the superuser through the unix socket.
    public var databaseURL: DatabaseURL {
        DatabaseURL(
            user: PostgresCluster.superuser, port: cluster.settings.port, database: name,
            socketDirectory: cluster.socketDirectory)
    }

    /// A libpq-style URL for this database, for tools such as psql and pg_prove.
    public var url: String {
        "postgresql://\(PostgresCluster.superuser)@127.0.0.1:\(cluster.settings.port)/\(name)"
    }

    /// Runs `body` with a fresh connection and closes it afterwards, also when `body` throws.
    @discardableResult
    public func withConnection<Result: Sendable>(
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await databaseURL.withConnection(applicationName: "zenglow-test", logger: Self.logger, body)
    }
}
