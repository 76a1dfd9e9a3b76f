import Foundation
import Logging
import PostgresNIO
import ZenGlowDB
import ZenGlowEmbedded

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway streaming replica of the test cluster, for one test's own use: `pg_basebackup -R`
/// from the cluster into a fresh temporary folder, started on a free port as a hot standby. It
/// replicates the whole cluster, so every test database is readable on it under the same name.
///
/// ``stop()`` and ``start()`` keep its folder and port (a replica that went away and came back);
/// ``shutdown()`` (or deinit) stops it and deletes the folder; a watchdog process does the same if
/// this process ends first, however it ends.
public final class TestReplica: Sendable {
    /// The standby as a cluster of its own folder and port.
    public let cluster: PostgresCluster
    private let directory: String

    /// The TCP port on 127.0.0.1.
    public var port: Int { cluster.settings.port }

    /// Takes a base backup of `primary` (the shared test cluster by default) and starts it.
    public init(of given: PostgresCluster? = nil) async throws {
        let primary: PostgresCluster
        if let given { primary = given } else { primary = try await TestServers.shared.postgres() }
        directory = try TemporaryDirectory.make(prefix: "zenglow-replica")
        guard let port = PortProbe.freePort() else {
            throw EmbeddedError(.portInUse, "no free TCP port on 127.0.0.1 for a test replica")
        }
        let user = try SystemUser.forPostgres()
        cluster = try PostgresCluster(
            settings: .init(
                directory: directory + "/postgres", port: port, binDirectory: primary.settings.binDirectory,
                // A standby needs max_connections at least the primary's (TestServers sets 1000).
                extraSettings: [
                    "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "1000",
                    "hot_standby": "on",
                ]))
        // The watchdog comes first, so even a failed start is cleaned up.
        try Self.startWatchdog(directory: directory, cluster: cluster)
        for path in [cluster.settings.directory, cluster.socketDirectory, cluster.settings.directory + "/log"] {
            try Self.prepare(path, for: user)
        }
        // -R writes standby.signal and primary_conninfo (the primary's unix socket); -X stream
        // copies the WAL written meanwhile, so the standby starts consistent.
        try Self.command(
            primary.settings.binDirectory + "/pg_basebackup",
            [
                "-D", cluster.dataDirectory, "-R", "-X", "stream", "-c", "fast", "-h", primary.socketDirectory, "-p",
                "\(primary.settings.port)", "-U", PostgresCluster.superuser,
            ], user: user
        ).runChecked("pg_basebackup from the test cluster")
        try cluster.start()
        try await waitUntilReady()
    }

    deinit {
        shutdown()
    }

    /// `database` on the replica, as ZenGlow addresses databases (superuser, unix socket).
    public func databaseURL(_ database: String) -> DatabaseURL {
        DatabaseURL(
            user: PostgresCluster.superuser, port: port, database: database, socketDirectory: cluster.socketDirectory)
    }

    /// `database` on the replica as a `DATABASE_READ_URL` value.
    public func url(_ database: String) -> String {
        "postgresql://\(PostgresCluster.superuser)@/\(database)?host=\(cluster.socketDirectory)&port=\(port)"
    }

    /// Stops the standby (fast shutdown: open sessions end); the folder and port stay its own.
    public func stop() throws {
        try cluster.stop()
    }

    /// Starts the standby again after ``stop()`` on the same port, and waits until it answers.
    /// `pg_ctl` directly: ``PostgresCluster/start()`` refuses a port that closed connections still
    /// hold in TIME_WAIT (its check binds without SO_REUSEADDR; PostgreSQL binds with it).
    public func start() async throws {
        if cluster.runningPID != nil { return }
        try Self.command(
            cluster.settings.binDirectory + "/pg_ctl",
            ["-D", cluster.dataDirectory, "-l", cluster.logFile, "-w", "-t", "60", "-s", "start"],
            user: try SystemUser.forPostgres()
        ).runChecked("pg_ctl start for the test replica")
        try await waitUntilReady()
    }

    /// Stops WAL replay (`pg_wal_replay_pause()`): what the primary commits from now on is not
    /// visible here until ``resumeReplay()``.
    public func pauseReplay() async throws {
        try await execute("select pg_wal_replay_pause()")
        let paused = try await eventually(within: .seconds(10)) {
            try await self.text("select pg_get_wal_replay_pause_state()") == "paused"
        }
        if !paused { throw TestSupportError("the test replica's replay did not pause within 10 s") }
    }

    /// Resumes WAL replay after ``pauseReplay()``.
    public func resumeReplay() async throws {
        try await execute("select pg_wal_replay_resume()")
    }

    /// Whether the standby has replayed `position` of the primary's WAL.
    public func hasReplayed(_ position: WALPosition) async throws -> Bool {
        guard let text = try await text("select pg_last_wal_replay_lsn()::text"), let replayed = WALPosition(text)
        else { return false }
        return replayed >= position
    }

    /// Stops the standby and deletes its folder; calling it twice is harmless.
    public func shutdown() {
        _ = try? cluster.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func waitUntilReady() async throws {
        let ready = await eventually(within: .seconds(30), every: .milliseconds(50)) {
            (try? await self.text("select pg_is_in_recovery()::text")) == "true"
        }
        if !ready {
            throw TestSupportError("the test replica did not answer as a standby within 30 s; see \(cluster.logFile)")
        }
    }

    private func execute(_ sql: String) async throws {
        _ = try await text(sql)
    }

    private func text(_ sql: String) async throws -> String? {
        try await databaseURL("postgres").withConnection(applicationName: "zenglow-test", logger: Self.logger) {
            connection in
            for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger)
                .decode(String?.self)
            {
                return value
            }
            return nil
        }
    }

    private static let logger = Logger(label: "zenglow.test.replica")

    private static func command(_ executable: String, _ arguments: [String], user: SystemUser) -> ShellCommand {
        user.needsSwitch
            ? ShellCommand("/usr/sbin/runuser", ["-u", user.name, "--", executable] + arguments)
            : ShellCommand(executable, arguments)
    }

    /// Creates `path` and hands it to the server's user.
    private static func prepare(_ path: String, for user: SystemUser) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if user.needsSwitch {
            try FileManager.default.setAttributes([.ownerAccountName: user.name], ofItemAtPath: path)
        }
    }

    /// A detached shell that outlives this process: once this process is gone it stops the
    /// standby immediately and deletes the folder.
    private static func startWatchdog(directory: String, cluster: PostgresCluster) throws {
        let stop =
            (geteuid() == 0 ? "/usr/sbin/runuser -u postgres -- " : "")
            + "\(cluster.settings.binDirectory)/pg_ctl -D '\(cluster.dataDirectory)' -m immediate -w stop"
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 0.2; done
            [ -f '\(cluster.dataDirectory)/postmaster.pid' ] && \(stop)
            rm -rf '\(directory)'
            """
        try ShellCommand("/bin/sh", ["-c", script]).spawnDetached()
    }
}
