import Foundation
import Logging
import PostgresNIO
import ZenGlowEmbedded

#if canImport(Glibc)
    import Glibc
#endif

/// The throwaway PostgreSQL cluster and Redis server shared by every test in this process.
///
/// Started on first use in a fresh temporary folder on free ports, and torn down by a watchdog
/// process that waits for this process to end — however it ends: passing, failing or crashing.
public actor TestServers {
    /// The servers of this test process.
    public static let shared = TestServers()

    /// The database every test database is copied from.
    public static let templateDatabase = "zenglow_template"

    private var running: Running?
    private var databaseCounter = 0
    var schemaTemplateMigration: Task<Void, any Error>?

    struct Running {
        let directory: String
        let postgres: PostgresCluster
        let redis: RedisServer
    }

    /// The running PostgreSQL cluster, started on first use.
    public func postgres() throws -> PostgresCluster {
        try start().postgres
    }

    /// The running Redis server, started on first use.
    public func redis() throws -> RedisServer {
        try start().redis
    }

    /// A new, empty database copied from the template, for one test's sole use.
    public func makeDatabase() async throws -> TestDatabase {
        try await makeDatabase(template: Self.templateDatabase)
    }

    func makeDatabase(template: String) async throws -> TestDatabase {
        let cluster = try start().postgres
        databaseCounter += 1
        let name = "test_\(getpid())_\(databaseCounter)"
        let admin = TestDatabase(name: "postgres", cluster: cluster)
        do {
            try await admin.withConnection { connection in
                try await connection.query(
                    PostgresQuery(unsafeSQL: "create database \(name) template \(template)"),
                    logger: TestDatabase.logger
                )
            }
        } catch let error as PSQLError {
            // A test that cannot get its database should say why, not PSQLError's generic text.
            throw TestSupportError("creating test database \(name): \(String(reflecting: error))")
        }
        return TestDatabase(name: name, cluster: cluster)
    }

    private func start() throws -> Running {
        if let running { return running }
        let directory = try TemporaryDirectory.make()
        guard let postgresPort = PortProbe.freePort(), let redisPort = PortProbe.freePort() else {
            throw EmbeddedError(.portInUse, "no free TCP port on 127.0.0.1 for the test servers")
        }
        let embedded = EmbeddedConfiguration()
        let postgres = try PostgresCluster(
            settings: .init(
                directory: directory + "/postgres",
                port: postgresPort,
                binDirectory: embedded.postgresBinDirectory,
                // Durability buys nothing in a cluster that is deleted after the run.
                // The suites run side by side, each API application with its pool and its LISTEN
                // connection (tests of two instances have two), and whole stacks of processes
                // (serve, spool run, maintain run, a second serve as embedder): 100, then 400 were
                // reached.
                extraSettings: [
                    "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "1000",
                ]
            )
        )
        let redis = RedisServer(
            settings: .init(
                directory: directory + "/redis",
                port: redisPort,
                binDirectory: embedded.redisBinDirectory,
                persistent: false
            )
        )
        // The watchdog comes first, so even a failed start is cleaned up.
        try Self.startWatchdog(directory: directory, postgres: postgres, redis: redis)
        try postgres.start()
        try redis.start()
        try ShellCommand(
            embedded.postgresBinDirectory + "/psql",
            [
                "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", postgres.socketDirectory, "-p", "\(postgresPort)",
                "-U", PostgresCluster.superuser, "-d", "postgres",
                "-c", "create database \(Self.templateDatabase)",
                // TimescaleDB's launcher starts a scheduler in every database that allows
                // connections; one sitting in the template makes CREATE DATABASE … TEMPLATE fail
                // with "source database is being accessed by other users".
                "-c", "alter database \(Self.templateDatabase) with allow_connections false",
            ]
        ).runChecked("creating the template database")
        let started = Running(directory: directory, postgres: postgres, redis: redis)
        running = started
        return started
    }

    /// A detached shell that outlives this process: once this process is gone it stops both
    /// servers immediately and deletes the folder.
    private static func startWatchdog(directory: String, postgres: PostgresCluster, redis: RedisServer) throws {
        let stopPostgres =
            (geteuid() == 0 ? "/usr/sbin/runuser -u postgres -- " : "")
            + "\(postgres.settings.binDirectory)/pg_ctl -D '\(postgres.dataDirectory)' -m immediate -w stop"
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 0.2; done
            \(stopPostgres)
            [ -f '\(redis.settings.directory)/redis.pid' ] && kill -9 "$(cat '\(redis.settings.directory)/redis.pid')"
            rm -rf '\(directory)'
            """
        try ShellCommand("/bin/sh", ["-c", script]).spawnDetached()
    }
}
