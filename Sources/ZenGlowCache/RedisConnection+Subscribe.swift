import CHiredis

#if canImport(Glibc)
    import Glibc
#endif

extension RedisConnection {
    /// One message received on a subscribed channel.
    public struct Message: Sendable, Equatable {
        /// The channel it was published on.
        public let channel: String
        /// The published bytes.
        public let payload: [UInt8]

        /// A message of `payload` on `channel`.
        public init(channel: String, payload: [UInt8]) {
            self.channel = channel
            self.payload = payload
        }
    }

    /// Turns this connection into a subscriber of `channels` (SUBSCRIBE) and waits for Redis to
    /// confirm each. From then on only ``nextMessage(timeoutMilliseconds:)`` may be used; give a
    /// subscriber a connection of its own.
    public func subscribe(channels: [String]) throws {
        guard !channels.isEmpty else { throw CacheError(.invalidArgument, "SUBSCRIBE needs at least one channel") }
        if case .error(let message) = try send((["SUBSCRIBE"] + channels).map { Array($0.utf8) }) {
            throw CacheError(.commandFailed, "Redis refused SUBSCRIBE: \(message)", redisError: message)
        }
        // hiredis returned the first confirmation; Redis sends one per channel, all at once.
        for _ in 1..<channels.count { _ = try readReply() }
    }

    /// The next message on a subscribed channel, or nil when none arrived within
    /// `timeoutMilliseconds`; the subscription stays intact after a nil.
    public func nextMessage(timeoutMilliseconds: Int) throws -> Message? {
        let deadline = ContinuousClock.now + .milliseconds(timeoutMilliseconds)
        while true {
            if let reply = try bufferedReply() {
                if let message = Self.message(in: reply) { return message }
                continue
            }
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return nil }
            var descriptor = pollfd(fd: context.pointee.fd, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(
                clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
            let ready = poll(&descriptor, 1, max(milliseconds, 1))
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 { continue }
            guard ready > 0 else { throw connectionError() }
            if let message = Self.message(in: try readReply()) { return message }
        }
    }

    /// A reply hiredis has already read and parsed, without touching the socket.
    private func bufferedReply() throws -> RedisReply? {
        var raw: UnsafeMutableRawPointer?
        guard redisGetReplyFromReader(context, &raw) == REDIS_OK else {
            recordFailure(errno: errno)
            throw connectionError()
        }
        guard let raw else { return nil }
        defer { freeReplyObject(raw) }
        return Self.copy(raw.assumingMemoryBound(to: redisReply.self))
    }

    /// Reads one reply, blocking up to the command timeout.
    private func readReply() throws -> RedisReply {
        var raw: UnsafeMutableRawPointer?
        guard redisGetReply(context, &raw) == REDIS_OK, let raw else {
            recordFailure(errno: errno)
            throw connectionError()
        }
        defer { freeReplyObject(raw) }
        return Self.copy(raw.assumingMemoryBound(to: redisReply.self))
    }

    private static func message(in reply: RedisReply) -> Message? {
        guard case .array(let parts) = reply, parts.count == 3, parts[0] == .string(Array("message".utf8)),
            case .string(let channel) = parts[1], case .string(let payload) = parts[2]
        else { return nil }
        return Message(channel: String(decoding: channel, as: UTF8.self), payload: payload)
    }
}
