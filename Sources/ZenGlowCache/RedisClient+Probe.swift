extension RedisClient {
    /// Connects afresh, authenticates, selects the database and PINGs — the start-up and
    /// readiness check. Throws what failed, by name: the unreachable endpoint
    /// (``CacheError/Code/connectionFailed``), `REDIS_PASSWORD` refused or missing
    /// (``CacheError/Code/authenticationFailed``, never the password itself) or `REDIS_DB`.
    public func probe() async throws {
        try await withProbeConnection { connection in
            let reply = try connection.command("PING")
            guard reply == .status("PONG") else {
                throw CacheError(.unexpectedReply, "Redis at \(connection.endpoint) answered PING with \(reply)")
            }
        }
    }

    private func withProbeConnection(_ body: @escaping @Sendable (RedisConnection) throws -> Void) async throws {
        if pool.isShutDown { throw pool.shutDownError() }
        try await runOnPool { [self] in
            let connection: RedisConnection
            do {
                connection = try RedisConnection(configuration: configuration)
                try body(connection)
            } catch let error as CacheError {
                if error.code == .connectionFailed || error.code == .authenticationFailed {
                    _ = pool.failed(error.message)
                }
                throw error
            }
            pool.give(connection)
            if pool.reachable() {
                logger.info("Redis reachable again", metadata: ["zg.redis": "\(configuration.endpointDescription)"])
            }
        }
    }
}
