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
    static func startupParameters(
        _ configuration: APIConfiguration, applicationName: String = "zenglow-api"
    ) -> [(String, String)] {
        [("application_name", applicationName), ("role", configuration.databaseRole)]
    }

    /// What `application_name` says while a request's statement runs (PostgreSQL keeps 63 bytes).
    static func applicationName(requestID: String) -> String {
        String(("zenglow-api " + requestID).prefix(63))
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
        bindings.append(Self.applicationName(requestID: requestID))
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

    /// The answer of `zenglow_api.rag_query` and what the timings record needs from it, taken
    /// from the JSON in SQL rather than by decoding the whole answer again in Swift.
    public struct RagAnswer: Sendable {
        public let json: String
        public let resultCount: Int?
        public let weightsVersion: Int64?
        public let model: String?
    }

    /// One round trip: scope to the tenant and request, call rag_query, summarise.
    public func ragQuery(
        _ query: RagQueryRequest, candidates: Int, tenant: String, requestID: String, logger: Logger
    ) async throws -> RagAnswer {
        let options = "{\"candidates\": \(candidates)}"
        let rows = try await client.query(
            """
            with scope as materialized (
                select set_config('zenglow.tenant_id', \(tenant), true),
                       set_config('application_name', \(Self.applicationName(requestID: requestID)), true)),
            answer as materialized (
                select zenglow_api.rag_query(\(query.query), \(query.embedding), \(Int32(query.topK)),
                    \(query.filtersJSON)::jsonb, \(query.explain), \(query.mode), \(options)::jsonb) as r
                from scope)
            select r::text, jsonb_array_length(r -> 'results'), (r ->> 'weights_version')::bigint, r ->> 'model'
            from answer
            """, logger: logger)
        for try await (json, count, version, model) in rows.decode((String, Int?, Int64?, String?).self) {
            return RagAnswer(json: json, resultCount: count, weightsVersion: version, model: model)
        }
        throw APIError(.internalServerError, .internalError, "no answer")
    }

    /// The outcome of checking a key: `ok` with its principal and expiry, or why not.
    public struct KeyCheck: Sendable {
        public let status: String
        public let principal: Principal?
        public let expiresAt: Date?
    }

    /// Checks an API key's prefix and secret digest.
    public func authenticate(_ key: APIKey, logger: Logger) async throws -> KeyCheck {
        let rows = try await client.query(
            """
            select status, tenant_id, key_id::text, scopes, extract(epoch from expires_at)::float8
            from zenglow_api.check_api_key(\(key.prefix), \(Data(key.secretDigest)))
            """, logger: logger)
        for try await (status, tenant, keyID, scopes, expiry) in rows.decode(
            (String, String?, String?, [String]?, Double?).self)
        {
            guard status == "ok", let tenant, let keyID else {
                return KeyCheck(status: status, principal: nil, expiresAt: nil)
            }
            let granted = Set((scopes ?? []).compactMap(Principal.Scope.init(rawValue:)))
            return KeyCheck(
                status: status, principal: Principal(tenant: tenant, keyID: keyID, scopes: granted),
                expiresAt: expiry.map { Date(timeIntervalSince1970: $0) })
        }
        return KeyCheck(status: "unknown", principal: nil, expiresAt: nil)
    }
}
