import Configuration
import Foundation
import Logging
import Testing
import ZenGlowDB
import ZenGlowEmbedding
import ZenGlowKeys
import ZenGlowTestSupport

@testable import ZenGlowAPI

@Suite("configuration")
struct ConfigurationTests {
    static let local = LocalDefaults(
        database: DatabaseURL(user: "postgres", database: "zenglow", socketDirectory: "/tmp/zenglow"), redisPort: 56379,
        modelDirectory: "/srv/zenglow/models/all-MiniLM-L6-v2")
    static let prod = [
        "ZENGLOW_PROFILE": "prod", "DATABASE_URL": "postgresql://app@db/zenglow", "REDIS_HOST": "cache",
        "REDIS_PORT": "6379",
    ]

    static func read(_ variables: [String: String], localDefaults: LocalDefaults? = local) throws -> APIConfiguration {
        try APIConfiguration(
            reader: ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: variables)),
            localDefaults: localDefaults)
    }

    @Test("without the command layer's local defaults, DATABASE_URL is required, and REDIS_PORT comes from them")
    func localDefaults() throws {
        let error = try #require(throws: ConfigurationError.self) { try Self.read([:], localDefaults: nil) }
        #expect(error.problems == ["DATABASE_URL is required"])
        let local = try Self.read([:])
        #expect(local.database.url == Self.local.database)
        #expect(local.database.isEmbeddedDefault)
        #expect(local.redis.port == 56379)
        let given = try Self.read(["DATABASE_URL": "postgresql://app@db/zenglow"])
        #expect(given.database.url.host == "db")
        #expect(!given.database.isEmbeddedDefault)
    }

    @Test("the prod profile refuses to start without DATABASE_URL, REDIS_HOST and REDIS_PORT, naming each")
    func prodRequires() throws {
        let error = try #require(throws: ConfigurationError.self) { try Self.read(["ZENGLOW_PROFILE": "prod"]) }
        #expect(error.problems.count == 3)
        #expect(error.description.contains("DATABASE_URL"))
        #expect(error.description.contains("REDIS_HOST"))
        #expect(error.description.contains("REDIS_PORT"))
        let complete = try Self.read([
            "ZENGLOW_PROFILE": "prod", "DATABASE_URL": "postgresql://app@db/zenglow", "REDIS_HOST": "cache",
            "REDIS_PORT": "6379",
        ])
        #expect(complete.profile == .prod)
        #expect(complete.redis.host == "cache")
    }

    @Test("staging has prod's requirements and names itself in them; an unknown profile lists the three")
    func stagingRequires() throws {
        let error = try #require(throws: ConfigurationError.self) { try Self.read(["ZENGLOW_PROFILE": "staging"]) }
        #expect(
            error.problems == [
                "DATABASE_URL is required in the staging profile", "REDIS_HOST is required in the staging profile",
                "REDIS_PORT is required in the staging profile",
            ])
        let staging = try Self.read(Self.prod.merging(["ZENGLOW_PROFILE": "staging"]) { $1 })
        #expect(staging.profile == .staging)
        let unknown = try #require(throws: ConfigurationError.self) { try Self.read(["ZENGLOW_PROFILE": "qa"]) }
        #expect(unknown.problems.first == "ZENGLOW_PROFILE=qa is not one of dev, staging, prod")
    }

    @Test("old names are read as the new ones, with a deprecation warning")
    func deprecatedNames() throws {
        let configuration = try Self.read(["FUSION_MODE": "rrf", "RAG_TOP_K": "7", "FUSION_CANDIDATES": "120"])
        #expect(configuration.fusionMode == "rrf")
        #expect(configuration.topKDefault == 7)
        #expect(configuration.fusionCandidates == 120)
        #expect(configuration.warnings.count == 3)
        #expect(configuration.warnings.contains { $0.contains("FUSION_MODE") && $0.contains("RAG_FUSION_MODE") })
        let newWins = try Self.read(["FUSION_MODE": "rrf", "RAG_FUSION_MODE": "bm25"])
        #expect(newWins.fusionMode == "bm25")
        #expect(newWins.warnings.isEmpty)
    }

    @Test("malformed values are named")
    func malformed() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try Self.read(["HTTP_PORT": "eighty", "ENABLE_API_KEYS": "maybe", "RAG_FUSION_MODE": "magic"])
        }
        #expect(error.problems.count == 3)
        #expect(error.description.contains("HTTP_PORT=eighty"))
        #expect(error.description.contains("ENABLE_API_KEYS=maybe"))
        #expect(error.description.contains("RAG_FUSION_MODE=magic"))
    }

    @Test(
        "EMBED_PROVIDER: local by default in dev (model folder from the local defaults), none in prod, openai with EMBED_BASE_URL"
    )
    func embedProviderDefaults() throws {
        let dev = try Self.read([:])
        #expect(dev.embedProvider == .local)
        #expect(dev.embedModelDirectory == "/srv/zenglow/models/all-MiniLM-L6-v2")
        #expect(dev.embedThreads == 1)
        #expect(
            try Self.read(["EMBED_MODEL_DIR": "/models/minilm", "EMBED_THREADS": "4"]).embedModelDirectory
                == "/models/minilm")
        #expect(try Self.read(["EMBED_THREADS": "4"]).embedThreads == 4)
        #expect(try Self.read(Self.prod).embedProvider == .none)
        let remote = try Self.read(Self.prod.merging(["EMBED_BASE_URL": "https://embed.internal/v1"]) { $1 })
        #expect(remote.embedProvider == .openai)
        #expect(remote.embedder?.dimensions == 384)
        let local = try Self.read(Self.prod.merging(["EMBED_PROVIDER": "local", "EMBED_MODEL_DIR": "/m"]) { $1 })
        #expect(local.embedProvider == .local)
        #expect(local.effectiveEnvironment()["EMBED_MODEL_DIR"] == "/m")
        #expect(local.effectiveEnvironment()["EMBED_THREADS"] == "1")
    }

    @Test("EMBED_PROVIDER=hashing, EMBED_THREADS out of range and prod + local without EMBED_MODEL_DIR are refused")
    func embedProviderRefusals() throws {
        let hashing = try #require(throws: ConfigurationError.self) { try Self.read(["EMBED_PROVIDER": "hashing"]) }
        #expect(hashing.problems.count == 1)
        #expect(hashing.description.contains("EMBED_PROVIDER=hashing"))
        #expect(hashing.description.contains("local, openai, none"))
        let unknown = try #require(throws: ConfigurationError.self) { try Self.read(["EMBED_PROVIDER": "magic"]) }
        #expect(unknown.problems == ["EMBED_PROVIDER=magic is not one of local, openai, none"])
        for threads in ["0", "65", "two"] {
            let error = try #require(throws: ConfigurationError.self) { try Self.read(["EMBED_THREADS": threads]) }
            #expect(error.problems == ["EMBED_THREADS=\(threads) is not an integer in 1...64"])
        }
        let prodLocal = try #require(throws: ConfigurationError.self) {
            try Self.read(Self.prod.merging(["EMBED_PROVIDER": "local"]) { $1 })
        }
        #expect(prodLocal.problems == ["EMBED_MODEL_DIR is required in the prod profile when EMBED_PROVIDER=local"])
        let openai = try #require(throws: ConfigurationError.self) { try Self.read(["EMBED_PROVIDER": "openai"]) }
        #expect(openai.problems == ["EMBED_PROVIDER=openai needs EMBED_BASE_URL"])
        let dimensions = try #require(throws: ConfigurationError.self) {
            try Self.read(["EMBED_BASE_URL": "http://e/v1", "EMBED_DIMENSIONS": "0"])
        }
        #expect(dimensions.problems == ["EMBED_DIMENSIONS=0 is not an integer in 1...16384"])
    }

    @Test("a model folder with a missing file or a wrong checksum stops the build with an error naming the file")
    func badModelFolder() throws {
        let folder = try TemporaryDirectory.make()
        let source = TestModel.directory
        for name in ["config.json", "tokenizer.json"] {
            try FileManager.default.copyItem(atPath: source.file(name).path, toPath: folder + "/" + name)
        }
        func build() throws {
            let configuration = try Self.read([
                "EMBED_MODEL_DIR": folder, "DATABASE_URL": "postgresql://app@db/zenglow",
            ])
            _ = try buildApplication(configuration: configuration, logger: Logger(label: "test.model"))
        }
        let missing = try #require(throws: EmbeddingError.self) { try build() }
        #expect(missing.code == .modelFileMissing)
        #expect(missing.description.contains("model.safetensors"))
        #expect(missing.description.contains(folder))

        try Data("not the weights".utf8).write(to: URL(fileURLWithPath: folder + "/model.safetensors"))
        let corrupt = try #require(throws: EmbeddingError.self) { try build() }
        #expect(corrupt.code == .modelChecksumMismatch)
        #expect(corrupt.description.contains(folder + "/model.safetensors"))
        #expect(corrupt.description.contains("sha256"))
    }

    @Test(
        "Redis keys are read with the rest: REDIS_SSL=true refused with the reason, bad values named, the password never"
    )
    func redisKeys() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try Self.read([
                "REDIS_SSL": "true", "REDIS_DB": "-1", "REDIS_PASSWORD": "pa55-not-shown",
                "MAX_ACTIVE_SESSIONS": "lots",
            ])
        }
        #expect(error.description.contains("REDIS_SSL"))
        #expect(error.description.contains("TLS"))
        #expect(error.description.contains("REDIS_DB=-1"))
        #expect(error.description.contains("MAX_ACTIVE_SESSIONS=lots"))
        #expect(!error.description.contains("pa55-not-shown"))
        let url = try #require(throws: ConfigurationError.self) {
            try Self.read(["REDIS_HOST": "redis://:s3cret-in-url@cache:6379"])
        }
        #expect(url.description.contains("REDIS_HOST must be a host name"))
        #expect(!url.description.contains("s3cret-in-url"), "a URL's password is never repeated")
        let configuration = try Self.read([
            "REDIS_HOST": "cache.internal", "REDIS_PORT": "6380", "REDIS_DB": "3", "REDIS_KEY_PREFIX": "acme",
            "CACHE_ENABLED": "false", "MAX_ACTIVE_SESSIONS": "8", "SESSION_LEASE_SECONDS": "5",
        ])
        #expect(configuration.redis.host == "cache.internal")
        #expect(configuration.redis.port == 6380)
        #expect(configuration.redis.database == 3)
        #expect(configuration.redis.keyPrefix == "acme")
        #expect(!configuration.cacheEnabled)
        #expect(configuration.maxActiveSessions == 8)
        #expect(configuration.sessionLeaseSeconds == 5)
    }
}
