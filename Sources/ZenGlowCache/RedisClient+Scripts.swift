extension RedisClient {
    /// Runs `script` with EVALSHA; when Redis does not know it (NOSCRIPT: after a restart or a
    /// SCRIPT FLUSH) it is loaded with SCRIPT LOAD and run again, on the same connection.
    /// A script error throws ``CacheError/Code/commandFailed`` with Redis's message.
    public func evaluate(_ script: RedisScript, keys: [String], arguments: [String]) async throws -> RedisReply {
        let call = (["EVALSHA", script.sha1, String(keys.count)] + keys + arguments).map { Array($0.utf8) }
        let load = ["SCRIPT", "LOAD", script.source].map { Array($0.utf8) }
        return try await withConnection { connection in
            var reply = try connection.send(call)
            if case .error(let message) = reply, message.hasPrefix("NOSCRIPT") {
                _ = try connection.command(load)
                reply = try connection.send(call)
            }
            if case .error(let message) = reply {
                throw CacheError(
                    .commandFailed, "Redis refused EVALSHA of script \(script.sha1.prefix(12)): \(message)",
                    redisError: message)
            }
            return reply
        }
    }
}
