import Foundation
import Logging
import PostgresNIO
import ZenGlowDB

/// Creates, lists and revokes API keys of one tenant (the `zenglow keys` commands, `zenglow dev
/// seed`). Runs as an operator: the connection's role must be able to read `zenglow.tenant_state`.
public struct KeyStore: Sendable {
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

    /// Creates a key for `tenant`; `expiresIn` in seconds. Throws ``KeyError`` when the tenant
    /// does not exist or is disabled; nothing is written then.
    public func create(tenant: String, name: String, scopes: [Principal.Scope], expiresIn: Int?) async throws
        -> Created
    {
        let key = APIKey.generate()
        let scopeNames = Set(scopes).map(\.rawValue).sorted()
        let expiry = expiresIn.map { "\($0) seconds" }
        return try await inTenant(tenant) { connection in
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
            throw DatabaseError(.server, "the key was not stored")
        }
    }

    /// The tenant's keys, newest first.
    public func list(tenant: String) async throws -> [Listing] {
        try await inTenant(tenant) { connection in
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

    /// Revokes a key by id or prefix; throws ``KeyError/Code/notFound`` when the tenant has no
    /// such active key.
    public func revoke(tenant: String, key: String) async throws {
        try await inTenant(tenant) { connection in
            let rows = try await connection.query(
                """
                update zenglow.api_keys set revoked_at = now()
                where (key_id::text = \(key) or prefix = \(key)) and revoked_at is null
                returning key_id::text
                """, logger: logger)
            var found = false
            for try await _ in rows.decode(String.self) { found = true }
            guard found else { throw KeyError(.notFound, "tenant '\(tenant)' has no active key '\(key)'") }
        }
    }

    /// Runs `body` scoped to `tenant` once the tenant is known to exist and be active (row-level
    /// security shows a disabled tenant nothing), so that a mistyped or disabled tenant gets its
    /// own message rather than a bare refusal.
    private func inTenant<Result: Sendable>(
        _ tenant: String, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        switch try await connection.tenantState(tenant, logger: logger) {
        case nil: throw KeyError.unknownTenant(tenant)
        case .inactive?: throw KeyError.inactiveTenant(tenant)
        case .active?: break
        }
        return try await connection.withTenant(tenant, logger: logger, body)
    }
}
