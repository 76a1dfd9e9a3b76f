import Foundation
import Logging
import ZenGlowCache
import ZenGlowTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// What the cache tests share: clients of the shared or an own Redis, each under a key prefix of
/// its own, shut down when the test is done.
enum CacheTest {
    static let logger = Logger(label: "zenglow.cache.test")

    /// A key prefix no other test uses.
    static func uniquePrefix() -> String {
        "t" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// The shared test Redis, under a prefix of this test's own.
    static func sharedConfiguration() async throws -> RedisConfiguration {
        var configuration = RedisConfiguration(port: try await TestServers.shared.redis().settings.port)
        configuration.keyPrefix = uniquePrefix()
        // Generous: two busy cores run the suite; a failure here should mean Redis, not load.
        configuration.commandTimeoutMilliseconds = 5000
        configuration.connectTimeoutMilliseconds = 2000
        return configuration
    }

    /// `redis`, under a prefix of this test's own.
    static func configuration(of redis: TestRedis, password: String? = nil) -> RedisConfiguration {
        var configuration = RedisConfiguration(port: redis.port)
        configuration.password = password
        configuration.keyPrefix = uniquePrefix()
        configuration.commandTimeoutMilliseconds = 5000
        configuration.connectTimeoutMilliseconds = 2000
        return configuration
    }

    /// Runs `body` with a client of `configuration`, shutting it down afterwards either way.
    static func withClient<Result>(
        _ configuration: RedisConfiguration, _ body: (RedisClient) async throws -> Result
    ) async throws -> Result {
        let client = RedisClient(configuration: configuration, logger: logger)
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// A direct connection to the shared Redis, to look at what the code under test wrote.
    static func inspector(port: Int? = nil) async throws -> RedisConnection {
        if let port { return try RedisConnection(host: "127.0.0.1", port: port) }
        return try RedisConnection(host: "127.0.0.1", port: try await TestServers.shared.redis().settings.port)
    }

    /// PTTL of `key` in milliseconds (-2: no such key, -1: no expiry).
    static func pttl(_ key: String, _ connection: RedisConnection) throws -> Int64 {
        guard case .integer(let value) = try connection.command("PTTL", key) else { return -3 }
        return value
    }
}

/// A TCP port that accepts connections (the kernel completes the handshake) and never answers:
/// a Redis that hangs. Every command sent to it waits for the full command timeout.
final class SilentListener: Sendable {
    let port: Int
    private let descriptor: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard fd >= 0, bound == 0, listen(fd, 64) == 0 else {
            throw CacheError(.connectionFailed, "cannot open a silent listener: errno \(errno)")
        }
        var assigned = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &assigned) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: assigned.sin_port))
    }

    deinit {
        close(descriptor)
    }
}
