import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One private PostgreSQL cluster in a folder of its own, started and stopped with `pg_ctl`.
public struct PostgresCluster: Sendable {
    /// Everything that decides where the cluster lives and how it runs.
    public struct Settings: Sendable {
        /// Holds `data/`, `log/` and the unix socket directory `run/`.
        public var directory: String
        public var port: Int
        public var binDirectory: String
        /// Extra `postgresql.conf` settings, e.g. `fsync = off` for throwaway test clusters.
        public var extraSettings: [String: String]

        public init(directory: String, port: Int, binDirectory: String, extraSettings: [String: String] = [:]) {
            self.directory = directory
            self.port = port
            self.binDirectory = binDirectory
            self.extraSettings = extraSettings
        }
    }

    /// The superuser `initdb` creates; local connections are trusted, so it needs no password.
    public static let superuser = "postgres"

    public let settings: Settings
    let user: SystemUser

    public init(settings: Settings) throws {
        self.settings = settings
        self.user = try SystemUser.forPostgres()
    }

    public var dataDirectory: String { settings.directory + "/data" }
    public var socketDirectory: String { settings.directory + "/run" }
    public var socketPath: String { socketDirectory + "/.s.PGSQL.\(settings.port)" }
    public var logFile: String { settings.directory + "/log/postgresql.log" }
    var pidFile: String { dataDirectory + "/postmaster.pid" }

    /// The server's pid when it runs from this data directory.
    public var runningPID: Int32? { runningServer?.pid }

    /// The server process when it runs from this data directory.
    var runningServer: ProcessIdentity? {
        ProcessTable.pid(inFile: pidFile).flatMap { ProcessTable.system.process($0, commandContaining: "postgres") }
    }

    public var status: ServerStatus {
        ServerStatus(
            name: "postgresql",
            running: runningPID != nil,
            pid: runningPID,
            port: settings.port,
            socketPath: socketPath,
            logFile: logFile
        )
    }

    /// Creates the cluster when its data directory is empty; keeps existing data.
    public func initialiseIfNeeded() throws {
        try user.prepareDirectory(settings.directory, mode: 0o755)
        try user.prepareDirectory(socketDirectory, mode: 0o755)
        try user.prepareDirectory(settings.directory + "/log", mode: 0o755)
        if FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") { return }
        try user.prepareDirectory(dataDirectory)
        try tool(
            "initdb",
            [
                "-D", dataDirectory, "-U", Self.superuser, "--auth=trust", "--encoding=UTF8", "--locale=C",
                "--no-instructions",
            ]
        ).runChecked("initdb for \(dataDirectory)")
        let include = "\ninclude_if_exists = 'zenglow.conf'\n"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dataDirectory + "/postgresql.conf"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(include.utf8))
        try handle.close()
    }

    /// Starts the server; returns false when it was already running.
    @discardableResult
    public func start() throws -> Bool {
        try initialiseIfNeeded()
        if runningPID != nil { return false }
        try removeStalePidFile()
        guard socketPath.utf8.count < 108 else {
            throw EmbeddedError(
                .socketPathTooLong,
                "unix socket path \(socketPath) is longer than 107 bytes; set ZENGLOW_HOME to a shorter folder"
            )
        }
        guard PortProbe.isFree(settings.port) else {
            throw EmbeddedError(
                .portInUse,
                "port \(settings.port) (PostgreSQL) is already in use by another process; "
                    + "stop it or set ZENGLOW_DEV_POSTGRES_PORT to a free port"
            )
        }
        try writeConfiguration()
        let outcome = try tool(
            "pg_ctl",
            [
                "-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "-s", "start",
            ]
        ).run()
        guard outcome.succeeded, runningPID != nil else {
            throw EmbeddedError(
                .commandFailed,
                "PostgreSQL did not start on port \(settings.port): \(outcome.output)\(logTail())"
            )
        }
        return true
    }

    /// Stops the server (fast shutdown: open sessions are ended); returns false when it was not running.
    @discardableResult
    public func stop() throws -> Bool {
        guard let server = runningServer else { return false }
        try tool("pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "-t", "60", "-s", "stop"])
            .runChecked("pg_ctl stop for \(dataDirectory)")
        // pg_ctl returns once postmaster.pid is gone, which the postmaster removes just before
        // it exits; "stopped" means the process has exited too, by the rule ProcessTable keeps.
        try ProcessTable.system.waitForExit(of: server, name: "PostgreSQL", log: logFile)
        return true
    }

    /// Creates database `name` unless it exists.
    public func ensureDatabase(_ name: String) throws {
        let connection = ["-h", socketDirectory, "-p", "\(settings.port)", "-U", Self.superuser]
        let exists = try ShellCommand(
            settings.binDirectory + "/psql",
            ["-X", "-qAt"] + connection + [
                "-d", "postgres", "-c", "select 1 from pg_database where datname = '\(name)'",
            ]
        ).runChecked("psql").output
        if exists.trimmingCharacters(in: .whitespacesAndNewlines) == "1" { return }
        try ShellCommand(settings.binDirectory + "/createdb", connection + [name]).runChecked("createdb \(name)")
    }

    private func writeConfiguration() throws {
        let pgCron = hasPgCron
        var lines = [
            "# Written by zenglow on every start; edit postgresql.conf for lasting changes.",
            "port = \(settings.port)",
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = '\(socketDirectory)'",
            "shared_preload_libraries = '\(pgCron ? "timescaledb,pg_cron" : "timescaledb")'",
            "timescaledb.telemetry_level = off",
            "max_connections = 200",
            // PostgreSQL's defaults (128 MB of buffers) suit a tiny machine; retrieval reads
            // tsvectors and embeddings of many rows, and the HNSW build wants memory.
            "shared_buffers = '1GB'",
            "effective_cache_size = '4GB'",
            "work_mem = '16MB'",
            "maintenance_work_mem = '512MB'",
        ]
        if pgCron {
            // pg_cron keeps its jobs in one database of the cluster, the maintenance database that
            // always exists; `zenglow maintain schedule` points each job at its ZenGlow database
            // (cron.schedule_in_database). Jobs connect through the socket, where logins are trusted.
            lines += ["cron.database_name = 'postgres'", "cron.host = '\(socketDirectory)'"]
        }
        for (key, value) in settings.extraSettings.sorted(by: { $0.key < $1.key }) {
            lines.append("\(key) = \(value)")
        }
        let path = dataDirectory + "/zenglow.conf"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        if user.needsSwitch { chown(path, user.uid, user.gid) }
    }

    /// pg_cron's library is in the server's library folder (`pg_config --pkglibdir`): preloaded
    /// then, so `zenglow maintain schedule` works on the dev stack and in tests, while a server
    /// without it (postgresql-15-cron not installed) still starts.
    public var hasPgCron: Bool {
        FileManager.default.fileExists(atPath: libraryDirectory + "/pg_cron.so")
    }

    /// `pg_config --pkglibdir` of this server's installation; `../lib` beside the binaries (Debian's
    /// layout) when pg_config does not answer.
    var libraryDirectory: String {
        let fallback = URL(fileURLWithPath: settings.binDirectory).deletingLastPathComponent()
            .appendingPathComponent("lib").path
        guard let outcome = try? ShellCommand(settings.binDirectory + "/pg_config", ["--pkglibdir"]).run(),
            outcome.succeeded
        else { return fallback }
        let path = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? fallback : path
    }

    /// A pid file whose process is gone (or is now some other program) would stop `postgres` from starting.
    private func removeStalePidFile() throws {
        guard FileManager.default.fileExists(atPath: pidFile) else { return }
        try FileManager.default.removeItem(atPath: pidFile)
    }

    private func logTail() -> String {
        guard let text = try? String(contentsOfFile: logFile, encoding: .utf8) else { return "" }
        let tail = text.split(separator: "\n").suffix(5).joined(separator: "\n")
        return tail.isEmpty ? "" : "\n--- \(logFile) ---\n\(tail)"
    }

    private func tool(_ name: String, _ arguments: [String]) -> ShellCommand {
        ShellCommand(settings.binDirectory + "/" + name, arguments).asUser(user)
    }
}
