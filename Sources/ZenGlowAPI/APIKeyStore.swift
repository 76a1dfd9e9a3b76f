import Foundation
import Logging
import PostgresNIO
import ZenGlowDB

/// Creates, lists and revokes API keys of one tenant (the `zenglow keys` commands).
public struct APIKeyStore: Sendable {
    /// A key as `keys list` shows it; the secret is never stored and so never shown again.
    public struct Listing: Sendable, Codable, Equatable {
        public let keyID: String
        public let prefix: String
        public let name: String
        public let scopes: [String]
        public let createdAt: String
        public let expiresAt: String?
        public let revokedAt: String?
        public let lastUsedAt: String?

        enum CodingKeys: String, CodingKey {
            case keyID = "key_id"
            case prefix, name, scopes
            case createdAt = "created_at"
            case expiresAt = "expires_at"
            case revokedAt = "revoked_at"
            case lastUsedAt = "last_used_at"
        }
    }

    /// What `keys create` prints once.
    public struct Created: Sendable, Codable {
        public let keyID: String
        public let tenant: String
        public let key: String
        public let scopes: [String]
        public let expiresAt: String?

        enum CodingKeys: String, CodingKey {
            case keyID = "key_id"
            case tenant, key, scopes
            case expiresAt = "expires_at"
        }
    }

    let connection: PostgresConnection
    let logger: Logger

    public init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Creates a key for `tenant`; `expiresIn` in seconds.
    public func create(tenant: String, name: String, scopes: [Principal.Scope], expiresIn: Int?) async throws
        -> Created
    {
        let key = APIKey.generate()
        let scopeNames = Set(scopes).map(\.rawValue).sorted()
        let expiry = expiresIn.map { "\($0) seconds" }
        let created = try await inTenant(tenant) { () -> Created? in
            let rows = try await connection.query(
                """
                insert into zenglow.api_keys (tenant_id, prefix, secret_sha256, name, scopes, expires_at)
                values (zenglow.require_tenant(), \(key.prefix), \(Data(key.secretDigest)), \(name), \(scopeNames),
                        now() + \(expiry)::interval)
                returning key_id::text, to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                """, logger: logger)
            for try await (id, expires) in rows.decode((String, String?).self) {
                return Created(keyID: id, tenant: tenant, key: key.description, scopes: scopeNames, expiresAt: expires)
            }
            return nil
        }
        guard let created else { throw APIError(.internalServerError, .internalError, "the key was not stored") }
        return created
    }

    /// The tenant's keys, newest first.
    public func list(tenant: String) async throws -> [Listing] {
        try await inTenant(tenant) {
            let rows = try await connection.query(
                """
                select coalesce(jsonb_agg(jsonb_build_object(
                    'key_id', key_id, 'prefix', prefix, 'name', name, 'scopes', scopes,
                    'created_at', created_at, 'expires_at', expires_at, 'revoked_at', revoked_at,
                    'last_used_at', last_used_at) order by created_at desc), '[]')::text
                from zenglow.api_keys
                """, logger: logger)
            for try await json in rows.decode(String.self) {
                return try JSONDecoder().decode([Listing].self, from: Data(json.utf8))
            }
            return []
        }
    }

    /// Revokes a key by id or prefix; false when the tenant has no such key (or it was revoked).
    public func revoke(tenant: String, key: String) async throws -> Bool {
        try await inTenant(tenant) {
            let rows = try await connection.query(
                """
                update zenglow.api_keys set revoked_at = now()
                where (key_id::text = \(key) or prefix = \(key)) and revoked_at is null
                returning key_id::text
                """, logger: logger)
            var found = false
            for try await _ in rows.decode(String.self) { found = true }
            return found
        }
    }

    /// Runs `body` in a transaction whose tenant is `tenant` (a missing tenant raises ZG001).
    private func inTenant<Result>(_ tenant: String, _ body: () async throws -> Result) async throws -> Result {
        try await connection.inTransaction(logger: logger) {
            try await connection.query(
                "select set_config('zenglow.tenant_id', \(tenant), true), zenglow.require_tenant()", logger: logger)
            return try await body()
        }
    }
}
