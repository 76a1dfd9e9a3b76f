import CHiredis
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension RedisConnection {
    /// Connects as `configuration` says — within `REDIS_CONNECT_TIMEOUT_MS`, commands bounded by
    /// `REDIS_TIMEOUT_MS` — then sends AUTH (`REDIS_PASSWORD`), SELECT (`REDIS_DB`) and CLIENT
    /// SETNAME. Each failure names what failed: the endpoint, `REDIS_PASSWORD` (never its value)
    /// or `REDIS_DB`.
    public convenience init(configuration: RedisConfiguration) throws {
        let context = redisConnectWithTimeout(
            configuration.host, Int32(configuration.port), Self.interval(configuration.connectTimeoutMilliseconds))
        try self.init(context, endpoint: configuration.endpoint)
        guard redisSetTimeout(self.context, Self.interval(configuration.commandTimeoutMilliseconds)) == REDIS_OK else {
            throw CacheError(.connectionFailed, "cannot set the command timeout on the connection to \(endpoint)")
        }
        _ = redisEnableKeepAlive(self.context)
        try authenticate(configuration)
        if configuration.database != 0 {
            let reply = try send(["SELECT", String(configuration.database)].map { Array($0.utf8) })
            if case .error(let message) = reply {
                try refuseIfUnauthenticated(message, configuration)
                throw CacheError(
                    .commandFailed, "Redis at \(endpoint) refused REDIS_DB=\(configuration.database) (\(message))",
                    redisError: message)
            }
        }
        // The name only helps an operator reading CLIENT LIST: an ACL user without the right to set
        // it still gets a working connection.
        let reply = try send(["CLIENT", "SETNAME", configuration.clientName].map { Array($0.utf8) })
        if case .error(let message) = reply {
            try refuseIfUnauthenticated(message, configuration)
        }
    }

    private func authenticate(_ configuration: RedisConfiguration) throws {
        guard let password = configuration.password else { return }
        guard case .error(let raw) = try send([Array("AUTH".utf8), Array(password.utf8)]) else { return }
        // Redis does not echo the password today; scrubbed anyway, as this text reaches logs.
        let message = raw.replacingOccurrences(of: password, with: "****")
        if message.contains("without any password configured") {
            throw CacheError(
                .authenticationFailed,
                "REDIS_PASSWORD is set but Redis at \(endpoint) has no password (\(message)); "
                    + "unset REDIS_PASSWORD or give Redis a requirepass",
                redisError: message)
        }
        throw CacheError(
            .authenticationFailed, "Redis at \(endpoint) refused REDIS_PASSWORD (\(message))", redisError: message)
    }

    /// A NOAUTH answer means Redis wants a password this configuration does not send.
    private func refuseIfUnauthenticated(_ message: String, _ configuration: RedisConfiguration) throws {
        guard message.hasPrefix("NOAUTH") else { return }
        throw CacheError(
            .authenticationFailed, "Redis at \(endpoint) requires a password; set REDIS_PASSWORD (\(message))",
            redisError: message)
    }

    static func interval(_ milliseconds: Int) -> timeval {
        timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
    }
}
