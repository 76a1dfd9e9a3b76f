import Crypto
import Foundation

/// An API key as a client presents it: `zg_<id>_<secret>_<checksum>`.
///
/// `zg_<id>` is the public prefix stored in the database; only the SHA-256 of the secret is
/// stored. The checksum (6 hex digits of SHA-256 over the rest) lets the API reject a mistyped or
/// truncated key without asking the database.
public struct APIKey: Sendable, Equatable, CustomStringConvertible {
    static let idLength = 12
    static let secretLength = 40
    static let checksumLength = 6
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// `zg_` and the id: what the database looks the key up by; safe to log.
    public let prefix: String
    public let secret: String

    /// A new random key (system CSPRNG).
    public static func generate() -> APIKey {
        var generator = SystemRandomNumberGenerator()
        func random(_ count: Int) -> String {
            String((0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
        }
        return APIKey(prefix: "zg_" + random(idLength), secret: random(secretLength))
    }

    init(prefix: String, secret: String) {
        self.prefix = prefix
        self.secret = secret
    }

    /// Parses a presented key; nil when it is malformed or its checksum does not match.
    public init?(parsing text: some StringProtocol) {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "zg",
            parts[1].count == Self.idLength, parts[1].allSatisfy(Self.isAlphanumeric),
            parts[2].count == Self.secretLength, parts[2].allSatisfy(Self.isAlphanumeric),
            parts[3].count == Self.checksumLength
        else { return nil }
        let key = APIKey(prefix: "zg_" + parts[1], secret: String(parts[2]))
        guard key.checksum == parts[3] else { return nil }
        self = key
    }

    /// The full text a client sends.
    public var description: String { "\(prefix)_\(secret)_\(checksum)" }

    /// SHA-256 of the secret: what the database stores and compares.
    public var secretDigest: [UInt8] { Array(SHA256.hash(data: Data(secret.utf8))) }

    var checksum: String {
        let digest = SHA256.hash(data: Data("\(prefix)_\(secret)".utf8))
        return digest.prefix(Self.checksumLength / 2).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    private static func isAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }
}
