import Configuration
import Testing
import ZenGlowDB
import ZenGlowKeys

@testable import ZenGlowAPI

@Suite("configuration")
struct ConfigurationTests {
    static let local = LocalDefaults(
        database: DatabaseURL(user: "postgres", database: "zenglow", socketDirectory: "/tmp/zenglow"), redisPort: 56379)

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
        #expect(local.redisPort == 56379)
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
        #expect(complete.redisHost == "cache")
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
}
