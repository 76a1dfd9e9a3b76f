import ZenGlowDB

/// Why a failed file (or statement) is tried again rather than reported.
public enum MigrationRetryReason: String, Sendable, CustomStringConvertible {
    /// `55P03 lock_not_available`: `lock_timeout` ran out behind another transaction.
    case lockNotAvailable = "lock_not_available"
    /// Another database of the same cluster was being migrated at the same moment and created the
    /// same role or role membership first. Roles are cluster-wide while the migrator's lock is per
    /// database, so a file's "if it is not there yet" check can pass in both and the slower one's
    /// insert into the shared catalog then fails. Run again, the check sees the other's row.
    case sharedCatalogRace = "shared_catalog_race"

    /// Unique indexes of the catalogs shared by every database of a cluster.
    static let sharedCatalogIndexes: Set<String> = [
        "pg_authid_rolname_index", "pg_authid_oid_index",
        "pg_auth_members_role_member_index", "pg_auth_members_member_role_index",
        "pg_shdescription_o_c_index", "pg_db_role_setting_databaseid_rol_index",
        "pg_database_datname_index", "pg_tablespace_spcname_index", "pg_shseclabel_object_index",
    ]

    /// The reason to retry `error`, or nil when it is to be reported. A shared-catalog race is only
    /// retried in a transactional file: a no-transaction file may have changed things before it.
    init?(_ error: DatabaseError, transactional: Bool) {
        guard let server = error.server else { return nil }
        if server.sqlState == "55P03" {
            self = .lockNotAvailable
        } else if transactional, Self.isSharedCatalogRace(server) {
            self = .sharedCatalogRace
        } else {
            return nil
        }
    }

    static func isSharedCatalogRace(_ server: ServerError) -> Bool {
        switch server.sqlState {
        case "23505":
            return server.constraint.map(sharedCatalogIndexes.contains) ?? false
        case "42710":
            // duplicate_object: the other's CREATE ROLE committed between this one's check and create.
            return server.message.hasPrefix("role ")
        case "XX000":
            // Two GRANTs or COMMENTs on the same role at once.
            return server.message == "tuple concurrently updated"
        default:
            return false
        }
    }

    public var description: String {
        switch self {
        case .lockNotAvailable: "lock not available"
        case .sharedCatalogRace: "another database of this cluster changed the same role at the same moment"
        }
    }
}
