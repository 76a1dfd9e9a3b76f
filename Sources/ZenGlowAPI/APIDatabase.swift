import Foundation
import Logging
import PostgresNIO
import ZenGlowDB

/// The API's access to PostgreSQL: a pool of connections acting as the API role, where each
/// request is one statement that first scopes itself to the caller's tenant and request id.
public struct APIDatabase: Sendable {
    public let client: PostgresClient
    let configuration: APIConfiguration

    public init(configuration: APIConfiguration, logger: Logger) {
        self.configuration = configuration
        var pool = configuration.database.url.clientConfiguration(
            startupParameters: Self.startupParameters(configuration))
        pool.options.maximumConnections = configuration.poolSize
        pool.options.minimumConnections = 0
        self.client = PostgresClient(configuration: pool, backgroundLogger: logger)
    }

    /// Every connection acts as the API role (no BYPASSRLS), also when DATABASE_URL names a
    /// superuser as the dev stack does, so row-level security always applies.
    static func startupParameters(_ configuration: APIConfiguration) -> [(String, String)] {
        [("application_name", "zenglow-api"), ("role", configuration.databaseRole)]
    }

    /// Runs `select <expression>::text` scoped to `tenant` and `requestID` in one round trip:
    /// a materialised CTE sets both transaction-locally before the expression is evaluated, and
    /// the statement's implicit transaction ends with it, so nothing leaks to the pooled
    /// connection's next user. `expression` refers to the binds as `$3`, `$4`, …
    public func call(
        _ expression: String,
        tenant: String,
        requestID: String,
        logger: Logger,
        binds: (inout PostgresBindings) throws -> Void = { _ in }
    ) async throws -> String? {
        var bindings = PostgresBindings()
        bindings.append(tenant)
        bindings.append(String("zenglow-api " + requestID).prefix(63).description)
        try binds(&bindings)
        let query = PostgresQuery(
            unsafeSQL: """
                with scope as materialized (
                    select set_config('zenglow.tenant_id', $1, true), set_config('application_name', $2, true))
                select (\(expression))::text from scope
                """,
            binds: bindings)
        let rows = try await client.query(query, logger: logger)
        for try await text in rows.decode(String?.self) { return text }
        return nil
    }

    /// Checks an API key's prefix and secret digest.
    public func authenticate(_ key: APIKey, logger: Logger) async throws -> (status: String, principal: Principal?) {
        let rows = try await client.query(
            """
            select status, tenant_id, key_id::text, scopes
            from zenglow_api.authenticate_key(\(key.prefix), \(Data(key.secretDigest)))
            """, logger: logger)
        for try await (status, tenant, keyID, scopes) in rows.decode((String, String?, String?, [String]?).self) {
            guard status == "ok", let tenant, let keyID else { return (status, nil) }
            let granted = Set((scopes ?? []).compactMap(Principal.Scope.init(rawValue:)))
            return (status, Principal(tenant: tenant, keyID: keyID, scopes: granted))
        }
        return ("unknown", nil)
    }
}
