import CHiredis

/// One blocking connection to Redis through hiredis.
///
/// Not thread-safe, as hiredis contexts are not: use each connection from one task at a time.
public final class RedisConnection {
    private let context: UnsafeMutablePointer<redisContext>

    /// Connects through a unix socket.
    public convenience init(socketPath: String) throws {
        try self.init(redisConnectUnix(socketPath), endpoint: socketPath)
    }

    /// Connects over TCP.
    public convenience init(host: String, port: Int) throws {
        try self.init(redisConnect(host, Int32(port)), endpoint: "\(host):\(port)")
    }

    private init(_ context: UnsafeMutablePointer<redisContext>?, endpoint: String) throws {
        guard let context else {
            throw CacheError(.connectionFailed, "cannot allocate a Redis connection to \(endpoint)")
        }
        if context.pointee.err != 0 {
            let reason = Self.errorText(context)
            redisFree(context)
            throw CacheError(.connectionFailed, "cannot connect to Redis at \(endpoint): \(reason)")
        }
        self.context = context
    }

    deinit {
        redisFree(context)
    }

    /// Sends one command, arguments binary-safe, and returns the reply; Redis error replies throw.
    public func command(_ arguments: [[UInt8]]) throws -> RedisReply {
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
            throw CacheError(.connectionFailed, "Redis connection failed: \(Self.errorText(context))")
        }
        defer { freeReplyObject(raw) }
        let reply = Self.copy(raw.assumingMemoryBound(to: redisReply.self))
        if case .error(let message) = reply {
            throw CacheError(.commandFailed, "Redis refused the command: \(message)")
        }
        return reply
    }

    /// Sends one command whose arguments are text.
    public func command(_ arguments: String...) throws -> RedisReply {
        try command(arguments.map { Array($0.utf8) })
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

    private static func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    private static func copy(_ reply: UnsafeMutablePointer<redisReply>) -> RedisReply {
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
