import Foundation
import Logging
import PostgresNIO

extension PostgresConnection {
    /// `zenglow.create_tenant`: registers a tenant (operators); an existing one is left as it is.
    public func createTenant(_ tenant: String, displayName: String, logger: Logger) async throws {
        try await execute("select zenglow.create_tenant(\(tenant), \(displayName))", logger: logger)
    }

    /// `zenglow.list_tenants()`: every tenant but `_global`, by id.
    public func listTenants(logger: Logger) async throws -> [Tenant] {
        let rows = try await query(
            """
            select tenant_id, display_name, active, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
            from zenglow.list_tenants()
            """, logger: logger)
        var tenants: [Tenant] = []
        for try await (id, name, active, created) in rows.decode((String, String, Bool, String).self) {
            tenants.append(Tenant(id: id, displayName: name, active: active, createdAt: created))
        }
        return tenants
    }

    /// `zenglow.set_tenant_active`: enables or disables a tenant (audited); returns its previous state.
    @discardableResult
    public func setTenantActive(_ tenant: String, active: Bool, logger: Logger) async throws -> Bool {
        let rows = try await query("select zenglow.set_tenant_active(\(tenant), \(active))", logger: logger)
        for try await previous in rows.decode(Bool.self) { return previous }
        throw DatabaseError(.server, "zenglow.set_tenant_active returned no row")
    }

    /// `zenglow.tenant_state`: `.active`, `.inactive`, or nil when there is no such tenant.
    public func tenantState(_ tenant: String, logger: Logger) async throws -> Tenant.State? {
        let rows = try await query("select zenglow.tenant_state(\(tenant))", logger: logger)
        for try await state in rows.decode(String?.self) { return state.flatMap(Tenant.State.init(rawValue:)) }
        return nil
    }
}

/// A tenant as operators see it.
public struct Tenant: Sendable, Codable, Equatable {
    public enum State: String, Sendable {
        case active, inactive
    }

    public let id: String
    public let displayName: String
    public let active: Bool
    public let createdAt: String

    enum CodingKeys: String, CodingKey {
        case id = "tenant_id"
        case displayName = "display_name"
        case active
        case createdAt = "created_at"
    }
}
