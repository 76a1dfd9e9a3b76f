import Configuration
import Synchronization
import Testing
import ZenGlowCache

@Suite("Redis configuration")
struct RedisConfigurationTests {
    private static let password = "hunter2-Sekrit-💡"

    private func read(_ variables: [String: String], defaultPort: Int = 56379, reporter: KeyRecorder? = nil) -> (
        RedisConfiguration, problems: [String]
    ) {
        RedisConfiguration.read(
            from: ConfigReader(
                provider: EnvironmentVariablesProvider(environmentVariables: variables), accessReporter: reporter),
            defaultPort: defaultPort)
    }

    @Test("no keys: the documented defaults, the caller's port")
    func defaults() {
        let (configuration, problems) = read([:], defaultPort: 56379)
        #expect(problems.isEmpty)
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 56379)
        #expect(configuration.database == 0)
        #expect(configuration.password == nil)
        #expect(configuration.connectTimeoutMilliseconds == 250)
        #expect(configuration.commandTimeoutMilliseconds == 250)
        #expect(configuration.poolSize == 4)
        #expect(configuration.retryMilliseconds == 1000)
        #expect(configuration.defaultTTLSeconds == 3600)
        #expect(configuration.buildChannel == "build_updates")
        #expect(configuration.keyPrefix == "zg")
        #expect(configuration.endpointDescription == "127.0.0.1:56379 db 0")
    }

    @Test("every key is read")
    func everyKey() {
        let (configuration, problems) = read([
            "REDIS_HOST": "redis.internal", "REDIS_PORT": "6380", "REDIS_DB": "3", "REDIS_PASSWORD": Self.password,
            "REDIS_SSL": "false", "REDIS_CONNECT_TIMEOUT_MS": "100", "REDIS_TIMEOUT_MS": "75",
            "REDIS_POOL_SIZE": "9", "REDIS_RETRY_MS": "500", "DEFAULT_TTL_SECONDS": "60",
            "REDIS_BUILD_CHANNEL": "builds.eu-1", "REDIS_KEY_PREFIX": "zg-staging",
        ])
        #expect(problems.isEmpty)
        #expect(configuration.host == "redis.internal")
        #expect(configuration.port == 6380)
        #expect(configuration.database == 3)
        #expect(configuration.password == Self.password)
        #expect(configuration.connectTimeoutMilliseconds == 100)
        #expect(configuration.commandTimeoutMilliseconds == 75)
        #expect(configuration.poolSize == 9)
        #expect(configuration.retryMilliseconds == 500)
        #expect(configuration.defaultTTLSeconds == 60)
        #expect(configuration.buildChannel == "builds.eu-1")
        #expect(configuration.keyPrefix == "zg-staging")
        #expect(configuration.endpointDescription == "redis.internal:6380 db 3")
    }

    @Test("environmentKeys is exactly the set of keys read")
    func environmentKeys() {
        let recorder = KeyRecorder()
        _ = read([:], reporter: recorder)
        #expect(recorder.keys == Set(RedisConfiguration.environmentKeys))
        #expect(RedisConfiguration.environmentKeys.count == Set(RedisConfiguration.environmentKeys).count)
    }

    @Test(
        "a bad value is named with its key and value",
        arguments: [
            ("REDIS_PORT", "abc", "REDIS_PORT=abc is not an integer in 1...65535"),
            ("REDIS_PORT", "0", "REDIS_PORT=0 is not an integer in 1...65535"),
            ("REDIS_DB", "-1", "REDIS_DB=-1 is not an integer in 0...1023"),
            ("REDIS_CONNECT_TIMEOUT_MS", "0", "REDIS_CONNECT_TIMEOUT_MS=0 is not an integer in 1...60000"),
            ("REDIS_TIMEOUT_MS", "fast", "REDIS_TIMEOUT_MS=fast is not an integer in 1...60000"),
            ("REDIS_POOL_SIZE", "65", "REDIS_POOL_SIZE=65 is not an integer in 1...64"),
            ("REDIS_RETRY_MS", "-5", "REDIS_RETRY_MS=-5 is not an integer in 0...600000"),
            ("DEFAULT_TTL_SECONDS", "2592001", "DEFAULT_TTL_SECONDS=2592001 is not an integer in 1...2592000"),
            ("REDIS_SSL", "maybe", "REDIS_SSL=maybe is not a boolean (true or false)"),
            ("REDIS_KEY_PREFIX", "zg prod", "REDIS_KEY_PREFIX=zg prod must be 1...32 of the characters"),
            ("REDIS_KEY_PREFIX", String(repeating: "a", count: 33), "REDIS_KEY_PREFIX=aaaa"),
            ("REDIS_KEY_PREFIX", "a:b", "REDIS_KEY_PREFIX=a:b must be"),
            ("REDIS_BUILD_CHANNEL", "build updates", "REDIS_BUILD_CHANNEL=build updates must be 1...128"),
        ])
    func badValue(key: String, value: String, expected: String) {
        let (configuration, problems) = read([key: value, "REDIS_PASSWORD": Self.password])
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix(expected) == true, "\(problems)")
        #expect(!problems.joined().contains(Self.password))
        #expect(configuration.port == 56379 || key != "REDIS_PORT")
    }

    @Test("REDIS_SSL=true is refused with the reason and what to do instead")
    func sslRefused() {
        for value in ["true", "TRUE", "1", "yes"] {
            let (_, problems) = read(["REDIS_SSL": value])
            #expect(problems.count == 1)
            let problem = problems.first ?? ""
            #expect(problem.hasPrefix("REDIS_SSL=\(value) is not supported"))
            #expect(problem.contains("hiredis 0.14"))
            #expect(problem.contains("no TLS"))
            #expect(problem.contains("will not silently connect in clear"))
            #expect(problem.contains("stunnel"))
        }
        #expect(read(["REDIS_SSL": "false"]).problems.isEmpty)
    }

    @Test("the password appears in no description, debug description, dump or problem")
    func passwordNeverShown() {
        let (configuration, problems) = read([
            "REDIS_PASSWORD": Self.password, "REDIS_PORT": "x", "REDIS_DB": "y", "REDIS_SSL": "true",
        ])
        #expect(configuration.password == Self.password)
        #expect(problems.count == 3)
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in problems + [
            configuration.description, configuration.debugDescription, configuration.endpointDescription,
            String(describing: configuration), String(reflecting: configuration), "\(configuration)", dumped,
        ] {
            #expect(!text.contains(Self.password), "\(text)")
            #expect(!text.contains("hunter2"), "\(text)")
        }
        #expect(configuration.description.contains("REDIS_PASSWORD"))
    }
}

/// Records the environment name of every key a reader is asked for.
final class KeyRecorder: AccessReporter {
    private let recorded = Mutex(Set<String>())

    var keys: Set<String> { recorded.withLock { $0 } }

    func report(_ event: AccessEvent) {
        let name = event.metadata.key.components.joined(separator: "_").uppercased()
        recorded.withLock { _ = $0.insert(name) }
    }
}
