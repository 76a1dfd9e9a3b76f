import Crypto

/// How ZenGlow names cached values in Redis: fixed length, no caller text in a key name.
public enum CacheKey {
    /// `<prefix>:<namespace>:<sha1 hex of namespace + U+001F + key>`. The hash covers the namespace
    /// too, so equal keys in two namespaces never collide, and the separator (a control character
    /// no name contains) keeps `("a:b", "c")` apart from `("a", "b:c")`. Stable across releases:
    /// a test pins one expected key.
    public static func compact(prefix: String, namespace: String, key: String) -> String {
        "\(prefix):\(namespace):\(sha1Hex(namespace + "\u{1F}" + key))"
    }

    /// The SHA-1 of `text`'s UTF-8 bytes, lowercase hex.
    public static func sha1Hex(_ text: String) -> String {
        Insecure.SHA1.hash(data: Array(text.utf8)).map { RedisScript.hex($0) }.joined()
    }
}
