import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One private Redis server in a folder of its own, daemonised by `redis-server`.
public struct RedisServer: Sendable {
    /// Everything that decides where the server lives and how it runs.
    public struct Settings: Sendable {
        /// Holds the configuration, data, log, pid file and unix socket.
        public var directory: String
        public var port: Int
        public var binDirectory: String
        /// Whether data survives a restart (RDB snapshots); throwaway test servers turn it off.
        public var persistent: Bool

        public init(directory: String, port: Int, binDirectory: String, persistent: Bool) {
            self.directory = directory
            self.port = port
            self.binDirectory = binDirectory
            self.persistent = persistent
        }
    }

    public let settings: Settings

    public init(settings: Settings) {
        self.settings = settings
    }

    public var socketPath: String { settings.directory + "/redis.sock" }
    public var logFile: String { settings.directory + "/redis.log" }
    var pidFile: String { settings.directory + "/redis.pid" }
    var configFile: String { settings.directory + "/redis.conf" }

    /// The server's pid when it runs from this folder.
    public var runningPID: Int32? { runningServer?.pid }

    /// The server process when it runs from this folder.
    var runningServer: ProcessIdentity? {
        ProcessTable.pid(inFile: pidFile).flatMap { ProcessTable.system.process($0, commandContaining: "redis-server") }
    }

    public var status: ServerStatus {
        ServerStatus(
            name: "redis",
            running: runningPID != nil,
            pid: runningPID,
            port: settings.port,
            socketPath: socketPath,
            logFile: logFile
        )
    }

    /// Starts the server and waits until it answers PING; returns false when it was already running.
    @discardableResult
    public func start() throws -> Bool {
        try FileManager.default.createDirectory(atPath: settings.directory, withIntermediateDirectories: true)
        if runningPID != nil { return false }
        if FileManager.default.fileExists(atPath: pidFile) { try FileManager.default.removeItem(atPath: pidFile) }
        guard socketPath.utf8.count < 108 else {
            throw EmbeddedError(
                .socketPathTooLong,
                "unix socket path \(socketPath) is longer than 107 bytes; set ZENGLOW_HOME to a shorter folder"
            )
        }
        guard PortProbe.isFree(settings.port) else {
            throw EmbeddedError(
                .portInUse,
                "port \(settings.port) (Redis) is already in use by another process; "
                    + "stop it or set ZENGLOW_DEV_REDIS_PORT to a free port"
            )
        }
        try writeConfiguration()
        try ShellCommand(settings.binDirectory + "/redis-server", [configFile]).runChecked("redis-server")
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if runningPID != nil, try ping() { return true }
            usleep(50_000)
        }
        throw EmbeddedError(.startTimedOut, "Redis did not answer PING on \(socketPath) within 15 s; see \(logFile)")
    }

    /// Stops the server, saving its data first when persistent; returns false when it was not running.
    @discardableResult
    public func stop() throws -> Bool {
        guard let server = runningServer else { return false }
        kill(server.pid, SIGTERM)  // Redis saves on SIGTERM when snapshots are configured.
        try ProcessTable.system.waitForExit(of: server, name: "Redis", log: logFile)
        return true
    }

    private func ping() throws -> Bool {
        try ShellCommand(settings.binDirectory + "/redis-cli", ["-s", socketPath, "ping"]).run().output
            .contains("PONG")
    }

    private func writeConfiguration() throws {
        let snapshots = settings.persistent ? "save 3600 1 300 100 60 10000" : "save \"\""
        let lines = [
            "# Written by zenglow on every start.",
            "port \(settings.port)",
            "bind 127.0.0.1",
            "protected-mode yes",
            "unixsocket \(socketPath)",
            "unixsocketperm 700",
            "daemonize yes",
            "pidfile \(pidFile)",
            "logfile \(logFile)",
            "dir \(settings.directory)",
            snapshots,
            "appendonly no",
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: configFile, atomically: true, encoding: .utf8)
    }
}
