import Foundation
import ZenGlowEmbedded

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PgBouncer (Debian's `pgbouncer`) in transaction pooling mode in front of the test
/// cluster, on a free port, for one test's own use. Every database of the cluster is reachable
/// through it under its own name (`* =` in `[databases]`), over the cluster's unix socket, with at
/// most `poolSize` server connections per database and user: more clients than that share them,
/// one transaction at a time. Logins are trusted, as the cluster's are; the users it lets in are
/// those in `users`. ``shutdown()`` (or deinit) stops it and deletes its folder; a watchdog does
/// the same if this process ends first.
public final class TestPgBouncer: Sendable {
    /// The TCP port on 127.0.0.1.
    public let port: Int
    /// `pgbouncer.ini` as written: the configuration docs/scaling.md shows.
    public let configuration: String
    private let directory: String

    /// Starts PgBouncer in front of `cluster` (the shared test cluster by default).
    public init(
        cluster given: PostgresCluster? = nil, poolSize: Int = 2, users: [String] = ["zenglow_app", "postgres"],
        executable: String = "/usr/sbin/pgbouncer"
    ) async throws {
        let cluster: PostgresCluster
        if let given { cluster = given } else { cluster = try await TestServers.shared.postgres() }
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw TestSupportError("\(executable) is not installed; run scripts/bootstrap (Debian package pgbouncer)")
        }
        directory = try TemporaryDirectory.make(prefix: "zenglow-pgbouncer")
        guard let port = PortProbe.freePort() else {
            throw EmbeddedError(.portInUse, "no free TCP port on 127.0.0.1 for a test PgBouncer")
        }
        self.port = port
        configuration = """
            [databases]
            * = host=\(cluster.socketDirectory) port=\(cluster.settings.port)

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = \(port)
            unix_socket_dir =
            auth_type = trust
            auth_file = \(directory)/userlist.txt
            pool_mode = transaction
            default_pool_size = \(poolSize)
            max_client_conn = 500
            ignore_startup_parameters = extra_float_digits
            logfile = \(directory)/pgbouncer.log
            pidfile = \(directory)/pgbouncer.pid

            """
        try configuration.write(toFile: directory + "/pgbouncer.ini", atomically: true, encoding: .utf8)
        try users.map { "\"\($0)\" \"\"" }.joined(separator: "\n").appending("\n")
            .write(toFile: directory + "/userlist.txt", atomically: true, encoding: .utf8)
        // PgBouncer refuses to run as root: as root it runs as the server's user, who must be able
        // to write its log and pid file.
        let user = try SystemUser.forPostgres()
        if user.needsSwitch {
            try FileManager.default.setAttributes([.ownerAccountName: user.name], ofItemAtPath: directory)
        }
        try Self.startWatchdog(directory: directory)
        let arguments = ["-d", directory + "/pgbouncer.ini"]
        try
            (user.needsSwitch
            ? ShellCommand("/usr/sbin/runuser", ["-u", user.name, "--", executable] + arguments)
            : ShellCommand(executable, arguments)).runChecked("pgbouncer")
        let listening = await eventually(within: .seconds(15)) { !PortProbe.isFree(port) }
        if !listening {
            throw TestSupportError("PgBouncer did not listen on \(port) within 15 s; see \(directory)/pgbouncer.log")
        }
    }

    deinit {
        shutdown()
    }

    /// A URL through PgBouncer to `database` as `user`.
    public func url(_ database: String, user: String = "zenglow_app") -> String {
        "postgresql://\(user)@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// PgBouncer's log so far (for a failing test's message).
    public var log: String {
        (try? String(contentsOfFile: directory + "/pgbouncer.log", encoding: .utf8)) ?? ""
    }

    /// Stops PgBouncer and deletes its folder; calling it twice is harmless.
    public func shutdown() {
        if let text = try? String(contentsOfFile: directory + "/pgbouncer.pid", encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            kill(pid, SIGTERM)
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func startWatchdog(directory: String) throws {
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 0.2; done
            [ -f '\(directory)/pgbouncer.pid' ] && kill -9 "$(cat '\(directory)/pgbouncer.pid')"
            rm -rf '\(directory)'
            """
        try ShellCommand("/bin/sh", ["-c", script]).spawnDetached()
    }
}
