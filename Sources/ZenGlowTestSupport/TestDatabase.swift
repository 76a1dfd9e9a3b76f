import Logging
import PostgresNIO
import ZenGlowEmbedded

/// One database of the throwaway test cluster, reached as the superuser through the unix socket.
public struct TestDatabase: Sendable {
    static let logger = Logger(label: "zenglow.test")

    public let name: String
    public let cluster: PostgresCluster

    /// Connection settings for this database, for code under test that opens its own connections.
    public var configuration: PostgresConnection.Configuration {
        PostgresConnection.Configuration(
            unixSocketPath: cluster.socketPath,
            username: PostgresCluster.superuser,
            password: nil,
            database: name
        )
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
        let connection = try await PostgresConnection.connect(
            configuration: configuration,
            id: 1,
            logger: Self.logger
        )
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
