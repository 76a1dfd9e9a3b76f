import Foundation
import ZenGlowEmbedded

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway Redis server of one test's own — for tests that stop it and start it again, or
/// give it a password; the rest share ``TestServers/redis()``.
///
/// It lives in a fresh temporary folder on a free port, which stays its own across ``stop()``
/// and ``start()`` (a restart comes back on the same port, as a real Redis restart does).
/// ``shutdown()`` (or deinit) stops it and deletes the folder; a watchdog process does the same
/// if this process ends first, however it ends.
public final class TestRedis: Sendable {
    /// The server, its settings and status.
    public let server: RedisServer
    private let directory: String

    /// The TCP port on 127.0.0.1.
    public var port: Int { server.settings.port }
    /// The `requirepass` it was started with.
    public var password: String? { server.settings.password }

    /// Starts a new server, with `password` as its `requirepass` when given.
    public init(password: String? = nil) throws {
        directory = try TemporaryDirectory.make(prefix: "zenglow-redis")
        guard let port = PortProbe.freePort() else {
            throw EmbeddedError(.portInUse, "no free TCP port on 127.0.0.1 for a test Redis")
        }
        server = RedisServer(
            settings: .init(
                directory: directory + "/redis", port: port, binDirectory: EmbeddedConfiguration().redisBinDirectory,
                persistent: false, password: password))
        // The watchdog comes first, so even a failed start is cleaned up.
        try Self.startWatchdog(directory: directory, redisDirectory: server.settings.directory)
        try start()
    }

    deinit {
        shutdown()
    }

    /// Starts the server again after ``stop()``; harmless when it runs.
    public func start() throws {
        if server.runningPID != nil { return }
        let configFile = server.settings.directory + "/redis.conf"
        guard FileManager.default.fileExists(atPath: configFile) else {
            try server.start()
            return
        }
        // A restart runs redis-server on the configuration it wrote the first time, because
        // RedisServer.start() refuses a port that closed connections still hold in TIME_WAIT for
        // a minute (its free-port check binds without SO_REUSEADDR; Redis itself binds with it).
        try? FileManager.default.removeItem(atPath: server.settings.directory + "/redis.pid")
        try ShellCommand(server.settings.binDirectory + "/redis-server", [configFile]).runChecked("redis-server")
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if server.runningPID != nil, try ping() { return }
            usleep(20_000)
        }
        throw EmbeddedError(.startTimedOut, "test Redis did not answer PING within 15 s; see \(server.logFile)")
    }

    /// Stops the server (SIGTERM, waiting for it to exit); the port stays this server's.
    public func stop() throws {
        try server.stop()
    }

    /// Stops the server and deletes its folder; calling it twice is harmless.
    public func shutdown() {
        _ = try? server.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func ping() throws -> Bool {
        let environment = password.map { ProcessInfo.processInfo.environment.merging(["REDISCLI_AUTH": $0]) { $1 } }
        return try ShellCommand(
            server.settings.binDirectory + "/redis-cli", ["-s", server.socketPath, "ping"], environment: environment
        ).run().output.contains("PONG")
    }

    /// A detached shell that outlives this process: once this process is gone it kills the server
    /// and deletes the folder.
    private static func startWatchdog(directory: String, redisDirectory: String) throws {
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 0.2; done
            [ -f '\(redisDirectory)/redis.pid' ] && kill -9 "$(cat '\(redisDirectory)/redis.pid')"
            rm -rf '\(directory)'
            """
        try ShellCommand("/bin/sh", ["-c", script]).spawnDetached()
    }
}
