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
        /// Written as `requirepass` (the configuration file is then readable by its owner only);
        /// nil lets any local client in, as the embedded dev Redis does.
        public var password: String?

        public init(directory: String, port: Int, binDirectory: String, persistent: Bool, password: String? = nil) {
            self.directory = directory
            self.port = port
            self.binDirectory = binDirectory
            self.persistent = persistent
            self.password = password
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
        // The password goes through redis-cli's environment, not its command line, which `ps` shows.
        let environment = settings.password.map {
            ProcessInfo.processInfo.environment.merging(["REDISCLI_AUTH": $0]) { $1 }
        }
        return try ShellCommand(
            settings.binDirectory + "/redis-cli", ["-s", socketPath, "ping"], environment: environment
        )
        .run().output.contains("PONG")
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
        guard let password = settings.password else {
            try (lines.joined(separator: "\n") + "\n").write(toFile: configFile, atomically: true, encoding: .utf8)
            return
        }
        // Created readable by its owner only before the password is in it.
        let text = (lines + ["requirepass " + Self.quoted(password)]).joined(separator: "\n") + "\n"
        let fd = open(configFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0, fchmod(fd, 0o600) == 0 else {
            if fd >= 0 { close(fd) }
            throw EmbeddedError(.commandFailed, "cannot write \(configFile): \(systemErrorText(errno))")
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else {
            throw EmbeddedError(.commandFailed, "cannot write \(configFile): \(systemErrorText(errno))")
        }
    }

    /// `value` as a double-quoted redis.conf argument (backslash escapes, as Redis parses them).
    static func quoted(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": text += "\\\\"
            case "\"": text += "\\\""
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}
