import Configuration

extension RedisConfiguration {
    /// Every environment variable ``read(from:defaultPort:)`` reads, for `.env.example` and `/config/env`.
    public static let environmentKeys = [
        "REDIS_HOST", "REDIS_PORT", "REDIS_DB", "REDIS_PASSWORD", "REDIS_SSL", "REDIS_CONNECT_TIMEOUT_MS",
        "REDIS_TIMEOUT_MS", "REDIS_POOL_SIZE", "REDIS_RETRY_MS", "DEFAULT_TTL_SECONDS", "REDIS_BUILD_CHANNEL",
        "REDIS_KEY_PREFIX",
    ]

    /// Reads every key listed on ``RedisConfiguration``. `problems` names each malformed key with
    /// its value (`REDIS_PORT=abc is not an integer in 1...65535`) — except `REDIS_PASSWORD`, whose
    /// value no problem ever shows; the configuration holds the defaults where a key was bad.
    public static func read(from reader: ConfigReader, defaultPort: Int) -> (RedisConfiguration, problems: [String]) {
        var configuration = RedisConfiguration(port: defaultPort)
        var problems: [String] = []
        func text(_ env: String, isSecret: Bool = false) -> String? {
            let key = ConfigKey(env.lowercased().split(separator: "_").map(String.init))
            guard let value = reader.string(forKey: key, isSecret: isSecret), !value.isEmpty else { return nil }
            return value
        }
        func integer(_ env: String, _ value: inout Int, range: ClosedRange<Int>) {
            guard let raw = text(env) else { return }
            guard let parsed = Int(raw), range.contains(parsed) else {
                problems.append("\(env)=\(raw) is not an integer in \(range.lowerBound)...\(range.upperBound)")
                return
            }
            value = parsed
        }
        func name(_ env: String, _ value: inout String, extraCharacters: String, maximumLength: Int) {
            guard let raw = text(env) else { return }
            let allowed = raw.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
                    || extraCharacters.unicodeScalars.contains($0)
            }
            guard allowed, raw.count <= maximumLength else {
                problems.append(
                    "\(env)=\(raw) must be 1...\(maximumLength) of the characters A-Z a-z 0-9 \(extraCharacters)")
                return
            }
            value = raw
        }

        if let host = text("REDIS_HOST") {
            // A host name or an address, never a URL: `redis://:secret@host` would put a password
            // into logs and readiness details, so the value is not repeated in the problem either.
            if host.contains(where: { "@/ \t".contains($0) }) || host.contains("://") {
                problems.append(
                    "REDIS_HOST must be a host name or an IP address (not a URL; the password goes in REDIS_PASSWORD)")
            } else {
                configuration.host = host
            }
        }
        integer("REDIS_PORT", &configuration.port, range: 1...65535)
        integer("REDIS_DB", &configuration.database, range: 0...1023)
        configuration.password = text("REDIS_PASSWORD", isSecret: true)
        if let raw = text("REDIS_SSL") {
            switch raw.lowercased() {
            case "false", "0", "no", "off": break
            case "true", "1", "yes", "on":
                problems.append(
                    "REDIS_SSL=\(raw) is not supported: hiredis 0.14 on this distribution has no TLS, and ZenGlow "
                        + "will not silently connect in clear; run a TLS tunnel (stunnel or spiped) on loopback, "
                        + "point REDIS_HOST and REDIS_PORT at it and set REDIS_SSL=false")
            default: problems.append("REDIS_SSL=\(raw) is not a boolean (true or false)")
            }
        }
        integer("REDIS_CONNECT_TIMEOUT_MS", &configuration.connectTimeoutMilliseconds, range: 1...60_000)
        integer("REDIS_TIMEOUT_MS", &configuration.commandTimeoutMilliseconds, range: 1...60_000)
        integer("REDIS_POOL_SIZE", &configuration.poolSize, range: 1...64)
        integer("REDIS_RETRY_MS", &configuration.retryMilliseconds, range: 0...600_000)
        integer("DEFAULT_TTL_SECONDS", &configuration.defaultTTLSeconds, range: 1...maximumTTLSeconds)
        name("REDIS_BUILD_CHANNEL", &configuration.buildChannel, extraCharacters: "_.:-", maximumLength: 128)
        name("REDIS_KEY_PREFIX", &configuration.keyPrefix, extraCharacters: "_.-", maximumLength: 32)
        return (configuration, problems)
    }
}
