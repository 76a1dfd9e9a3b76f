import Crypto

/// A Lua script run with EVALSHA: Redis keeps scripts by their SHA-1, so a call sends 40 bytes
/// instead of the source (``RedisClient/evaluate(_:keys:arguments:)`` loads it when Redis lost it).
public struct RedisScript: Sendable {
    /// The Lua source.
    public let source: String
    /// The SHA-1 of `source`, lowercase hex, as Redis names the script.
    public let sha1: String

    /// A script of `source`; its SHA-1 is computed once here.
    public init(source: String) {
        self.source = source
        self.sha1 = Insecure.SHA1.hash(data: Array(source.utf8)).map { Self.hex($0) }.joined()
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
    }
}
