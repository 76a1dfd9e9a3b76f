import Foundation

/// The embedded default: a private PostgreSQL cluster and Redis server under the project folder.
public struct EmbeddedStack: Sendable {
    public let configuration: EmbeddedConfiguration
    public let postgres: PostgresCluster
    public let redis: RedisServer

    public init(configuration: EmbeddedConfiguration) throws {
        self.configuration = configuration
        self.postgres = try PostgresCluster(
            settings: .init(
                directory: configuration.home + "/postgres",
                port: configuration.postgresPort,
                binDirectory: configuration.postgresBinDirectory
            )
        )
        self.redis = RedisServer(
            settings: .init(
                directory: configuration.home + "/redis",
                port: configuration.redisPort,
                binDirectory: configuration.redisBinDirectory,
                persistent: true
            )
        )
    }

    /// The database ZenGlow uses in the embedded cluster.
    public static let databaseName = "zenglow"

    public var status: EmbeddedStatus {
        EmbeddedStatus(postgres: postgres.status, redis: redis.status)
    }

    /// Starts whatever is not running yet. Ports are checked before anything starts, and a server
    /// this call started is stopped again when the other fails, so a failed `up` leaves nothing behind.
    public func up() throws -> EmbeddedStatus {
        try FileManager.default.createDirectory(atPath: configuration.home, withIntermediateDirectories: true)
        if postgres.runningPID == nil, !PortProbe.isFree(configuration.postgresPort) {
            throw EmbeddedError(
                .portInUse,
                "port \(configuration.postgresPort) (PostgreSQL) is already in use by another process; "
                    + "stop it or set ZENGLOW_DEV_POSTGRES_PORT to a free port"
            )
        }
        if redis.runningPID == nil, !PortProbe.isFree(configuration.redisPort) {
            throw EmbeddedError(
                .portInUse,
                "port \(configuration.redisPort) (Redis) is already in use by another process; "
                    + "stop it or set ZENGLOW_DEV_REDIS_PORT to a free port"
            )
        }
        let startedPostgres = try postgres.start()
        do {
            try postgres.ensureDatabase(Self.databaseName)
            try redis.start()
        } catch {
            if startedPostgres { _ = try? postgres.stop() }
            throw error
        }
        return status
    }

    /// Stops both servers; stopping a stopped stack is harmless.
    public func down() throws -> EmbeddedStatus {
        var failures: [any Error] = []
        do { try redis.stop() } catch { failures.append(error) }
        do { try postgres.stop() } catch { failures.append(error) }
        if let first = failures.first { throw first }
        return status
    }
}
