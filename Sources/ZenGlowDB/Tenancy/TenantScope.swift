import Logging
import PostgresNIO

/// The transaction-local settings a tenant's work runs under: the tenant the row-level security
/// policies read, the role to act as, and an `application_name` carrying the request id (what
/// `pg_stat_activity` shows an operator). All three end with the transaction, so nothing reaches
/// the pooled connection's next user, and PgBouncer's transaction pooling stays safe.
struct TenantScope: Sendable {
    let tenant: String
    let role: String?
    /// Appended to the connection's own `application_name` (`zenglow-api`, `zenglow-ingest`, …),
    /// cut to the 63 bytes PostgreSQL keeps.
    let requestID: String?

    /// Sets all three in one round trip; must run inside the transaction it scopes.
    func apply(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.execute(
            """
            select set_config('zenglow.tenant_id', \(tenant), true),
                   case when \(requestID)::text is not null then set_config('application_name',
                       left(current_setting('application_name') || ' ' || \(requestID)::text, 63), true) end,
                   case when \(role)::text is not null then set_config('role', \(role)::text, true) end
            """, logger: logger)
    }
}
