import CHiredis

#if canImport(Glibc)
    import Glibc
#endif

/// One blocking connection to Redis through hiredis.
///
/// hiredis contexts are not thread-safe: use a connection from one thread at a time. It is
/// `Sendable` only so that it can be handed to the thread that uses it (``RedisClient`` keeps
/// connections in a locked free list and gives each to one pool thread at a time).
public final class RedisConnection: @unchecked Sendable {
    let context: UnsafeMutablePointer<redisContext>
    /// `host:port` or the socket path, as errors name the server.
    public let endpoint: String
    /// Why the last call failed at the connection level; once set, the connection is unusable.
    private(set) var failure: Failure?

    /// How a call failed, so a caller can tell a connection the server had already closed (the
    /// command never ran: safe to retry elsewhere) from a timeout (it may have run).
    enum Failure: Sendable, Equatable {
        case closedByPeer
        case timedOut
        case other
    }

    /// Connects through a unix socket.
    public convenience init(socketPath: String) throws {
        try self.init(redisConnectUnix(socketPath), endpoint: socketPath)
    }

    /// Connects over TCP.
    public convenience init(host: String, port: Int) throws {
        try self.init(redisConnect(host, Int32(port)), endpoint: "\(host):\(port)")
    }

    init(_ context: UnsafeMutablePointer<redisContext>?, endpoint: String) throws {
        _ = Self.ignoreBrokenPipes
        guard let context else {
            throw CacheError(.connectionFailed, "cannot allocate a Redis connection to \(endpoint)")
        }
        if context.pointee.err != 0 {
            let reason = Self.errorText(context)
            redisFree(context)
            throw CacheError(.connectionFailed, "cannot connect to Redis at \(endpoint): \(reason)")
        }
        self.context = context
        self.endpoint = endpoint
    }

    deinit {
        redisFree(context)
    }

    /// hiredis writes with write(2): a write to a connection Redis closed would raise SIGPIPE and
    /// end the process. Ignored once, process-wide, as hiredis's and libpq's documentation advise;
    /// the write then fails with EPIPE and the connection is discarded.
    private static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    /// Sends one command, arguments binary-safe, and returns the reply; Redis error replies throw
    /// ``CacheError/Code/commandFailed`` naming the command (never its arguments).
    public func command(_ arguments: [[UInt8]]) throws -> RedisReply {
        let reply = try send(arguments)
        if case .error(let message) = reply {
            let name = arguments.first.map { String(decoding: $0, as: UTF8.self).uppercased() } ?? ""
            throw CacheError(.commandFailed, "Redis refused \(name): \(message)", redisError: message)
        }
        return reply
    }

    /// Sends one command whose arguments are text.
    public func command(_ arguments: String...) throws -> RedisReply {
        try command(arguments.map { Array($0.utf8) })
    }

    /// Sends one command and returns its reply, error replies included.
    func send(_ arguments: [[UInt8]]) throws -> RedisReply {
        if failure != nil { throw connectionError() }
        var lengths = arguments.map(\.count)
        let pointers = arguments.map { argument -> UnsafeMutablePointer<CChar> in
            let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: max(argument.count, 1))
            argument.withUnsafeBytes { bytes in
                if let base = bytes.baseAddress {
                    pointer.withMemoryRebound(to: UInt8.self, capacity: argument.count) {
                        $0.update(from: base.assumingMemoryBound(to: UInt8.self), count: argument.count)
                    }
                }
            }
            return pointer
        }
        defer { pointers.forEach { $0.deallocate() } }
        var constPointers = pointers.map { UnsafePointer<CChar>?($0) }
        let raw = redisCommandArgv(context, Int32(arguments.count), &constPointers, &lengths)
        guard let raw else {
            recordFailure(errno: errno)
            throw connectionError()
        }
        defer { freeReplyObject(raw) }
        return Self.copy(raw.assumingMemoryBound(to: redisReply.self))
    }

    /// Classifies the failure hiredis just reported; `errno` is read right after the call.
    func recordFailure(errno code: Int32) {
        switch context.pointee.err {
        case REDIS_ERR_EOF: failure = .closedByPeer
        case REDIS_ERR_IO where code == ECONNRESET || code == EPIPE: failure = .closedByPeer
        case REDIS_ERR_IO where code == EAGAIN || code == EWOULDBLOCK || code == ETIMEDOUT: failure = .timedOut
        default: failure = .other
        }
    }

    /// The error for a connection that failed, in hiredis's words.
    func connectionError() -> CacheError {
        let reason =
            failure == .timedOut ? "no answer within the command timeout (REDIS_TIMEOUT_MS)" : Self.errorText(context)
        return CacheError(.connectionFailed, "Redis connection to \(endpoint) failed: \(reason)")
    }

    /// Stores `value` under `key`, optionally expiring after `seconds`.
    public func set(_ key: String, _ value: [UInt8], expiresInSeconds seconds: Int? = nil) throws {
        var arguments: [[UInt8]] = [Array("SET".utf8), Array(key.utf8), value]
        if let seconds { arguments += [Array("EX".utf8), Array(String(seconds).utf8)] }
        guard try command(arguments) == .status("OK") else {
            throw CacheError(.unexpectedReply, "SET \(key) did not answer OK")
        }
    }

    /// The value stored under `key`, or nil when there is none.
    public func get(_ key: String) throws -> [UInt8]? {
        switch try command([Array("GET".utf8), Array(key.utf8)]) {
        case .string(let bytes): return bytes
        case .null: return nil
        default: throw CacheError(.unexpectedReply, "GET \(key) answered with a non-string reply")
        }
    }

    static func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    static func copy(_ reply: UnsafeMutablePointer<redisReply>) -> RedisReply {
        let value = reply.pointee
        func text() -> String {
            guard let str = value.str else { return "" }
            return String(decoding: UnsafeRawBufferPointer(start: str, count: Int(value.len)), as: UTF8.self)
        }
        switch value.type {
        case REDIS_REPLY_STRING:
            guard let str = value.str else { return .string([]) }
            return .string(Array(UnsafeRawBufferPointer(start: str, count: Int(value.len))))
        case REDIS_REPLY_STATUS: return .status(text())
        case REDIS_REPLY_ERROR: return .error(text())
        case REDIS_REPLY_INTEGER: return .integer(Int64(value.integer))
        case REDIS_REPLY_ARRAY:
            return .array((0..<Int(value.elements)).compactMap { index in value.element[index].map(copy) })
        default: return .null
        }
    }
}
