import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs `body` in one transaction scoped to `tenant`: every statement in it sees only that
    /// tenant's rows (row-level security reads `zenglow.tenant_id`), acts as `role` when given
    /// (`SET LOCAL ROLE`), and is labelled with `requestID` in `application_name`. This is the one
    /// way ZenGlow's Swift code acts for a tenant. The connection must not be in a transaction.
    public func withTenant<Result>(
        _ tenant: String,
        role: String? = nil,
        requestID: String? = nil,
        logger: Logger,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let scope = TenantScope(tenant: tenant, role: role, requestID: requestID)
        return try await inTransaction(logger: logger) {
            try await scope.apply(on: self, logger: logger)
            return try await body(self)
        }
    }
}

extension PostgresClient {
    /// ``PostgresConnection/withTenant(_:role:requestID:logger:_:)`` on a connection of the pool.
    public func withTenant<Result: Sendable>(
        _ tenant: String,
        role: String? = nil,
        requestID: String? = nil,
        logger: Logger,
        _ body: @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await withConnection { connection in
            try await connection.withTenant(tenant, role: role, requestID: requestID, logger: logger, body)
        }
    }
}
