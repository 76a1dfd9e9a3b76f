import Configuration
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import Testing
import ZenGlowEmbedding
import ZenGlowKeys
import ZenGlowTestSupport

@testable import ZenGlowAPI

/// A migrated throwaway database with tenants `t1` and `t2`, and what API tests need around it:
/// configurations pointing at it and at the test Redis (under a key prefix of this database's
/// own, so tests running side by side never share a rate limit, a session cap or a cache entry),
/// keys, and the rows the API wrote.
struct APITestEnvironment {
    static let logger = Logger(label: "test.api")
    let database: TestDatabase
    let redisPort: Int

    static func make() async throws -> APITestEnvironment {
        let database = try await TestServers.shared.makeSchemaDatabase()
        try await database.withConnection { connection in
            _ = try await connection.query(
                "select zenglow.create_tenant('t1'), zenglow.create_tenant('t2')", logger: logger)
        }
        return APITestEnvironment(database: database, redisPort: try await TestServers.shared.redis().settings.port)
    }

    /// The Redis key prefix of this environment's applications.
    var redisPrefix: String { "zgt_" + database.name }

    /// The environment variables of a configuration for this database; `overrides` win.
    func environment(_ overrides: [String: String] = [:]) -> [String: String] {
        let cluster = database.cluster
        return [
            "DATABASE_URL":
                "postgresql://postgres@/\(database.name)?host=\(cluster.socketDirectory)&port=\(cluster.settings.port)",
            "HTTP_PORT": "0",
            "PERFORMANCE_FLUSH_MS": "10",
            "REDIS_HOST": "127.0.0.1", "REDIS_PORT": String(redisPort), "REDIS_KEY_PREFIX": redisPrefix,
        ].merging(overrides) { $1 }
    }

    func configuration(_ overrides: [String: String] = [:]) throws -> APIConfiguration {
        try APIConfiguration(
            reader: ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: environment(overrides))))
    }

    /// An application on this database. With `EMBED_PROVIDER=local` (the dev default) it embeds
    /// with the model loaded once per test process, never loading it again; `embedder`, when
    /// given, is used instead of the configured one.
    func application(_ overrides: [String: String] = [:], embedder: (any TextEmbedder)? = nil) throws
        -> APIApplication
    {
        let configuration = try configuration(overrides)
        let injected = try embedder ?? (configuration.embedProvider == .local ? Self.localEmbedder() : nil)
        return try buildApplication(configuration: configuration, logger: Self.logger, embedder: injected)
    }

    /// The local embedder over the once-loaded test model.
    static func localEmbedder() throws -> LocalEmbedder {
        LocalEmbedder(encoder: try TestModel.encoder())
    }

    /// A new key's full text.
    func key(
        tenant: String = "t1", scopes: [Principal.Scope] = [.query, .ingest, .admin], expiresIn: Int? = nil
    ) async throws -> String {
        return try await database.withConnection { connection in
            try await KeyStore(connection: connection, logger: Self.logger).create(
                tenant: tenant, name: "test", scopes: scopes, expiresIn: expiresIn
            ).key
        }
    }

    func revoke(_ key: String, tenant: String = "t1") async throws {
        let prefix = try #require(APIKey(parsing: key)).prefix
        _ = try await database.withConnection { connection in
            try await KeyStore(connection: connection, logger: Self.logger).revoke(tenant: tenant, key: prefix)
        }
    }

    /// The first column of the first row of `sql` as an integer (run as the superuser).
    func count(_ sql: String) async throws -> Int {
        try await database.withConnection { connection in
            for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger)
                .decode(Int.self)
            {
                return value
            }
            return 0
        }
    }

    func run(_ sql: String) async throws {
        try await database.withConnection { connection in
            _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger)
        }
    }
}

/// A 384-dimension unit vector along axis `axis`: chunks and queries built from the same axis
/// are nearest neighbours.
func axisEmbedding(_ axis: Int) -> [Double] {
    (0..<384).map { $0 == axis ? 1 : 0.001 }
}

extension HTTPFields {
    static func bearer(_ key: String) -> HTTPFields {
        [.authorization: "Bearer \(key)", .contentType: "application/json"]
    }
}

extension TestResponse {
    /// The `error.code` of an error body.
    var errorCode: String? {
        let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
        return (object?["error"] as? [String: Any])?["code"] as? String
    }

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]) ?? [:]
    }

    var text: String { String(buffer: body) }
}

/// A JSON body.
func jsonBody(_ object: Any) -> ByteBuffer {
    ByteBuffer(data: (try? JSONSerialization.data(withJSONObject: object)) ?? Data())
}

/// A small corpus for tenant-scoped ingest: three documents on distinct axes.
func demoBatch(tag: String = "b1", extra: [[String: Any]] = []) -> [String: Any] {
    [
        "batch_tag": tag, "source": "test",
        "documents": [
            [
                "id": "insulin", "title": "Insulin and glucose",
                "chunks": [["text": "Insulin lowers blood glucose in diabetes.", "embedding": axisEmbedding(1)]],
            ],
            [
                "id": "photon", "title": "Photons",
                "chunks": [["text": "Light is made of photons travelling fast.", "embedding": axisEmbedding(2)]],
            ],
            [
                "id": "enzyme", "title": "Enzymes",
                "chunks": [["text": "Enzymes speed up chemical reactions in cells.", "embedding": axisEmbedding(3)]],
            ],
        ] + extra,
    ]
}
