extension RedisClient {
    /// Publishes `message` on `channel` (PUBLISH); returns how many subscribers received it.
    @discardableResult
    public func publish(channel: String, message: String) async throws -> Int {
        guard case .integer(let receivers) = try await command("PUBLISH", channel, message) else {
            throw CacheError(.unexpectedReply, "PUBLISH on \(channel) did not answer with a count")
        }
        return Int(receivers)
    }
}
