import Logging
import PostgresNIO
import ZenGlowDB

extension PostgresConnection {
    /// Reads the database's state for a manifest. Call it inside a transaction that has
    /// `row_security` off (a login that row-level security would filter fails instead of
    /// recording a partial count) and, during a backup, the dump's snapshot.
    public func databaseState(logger: Logger) async throws -> DatabaseState {
        var counts: [String: Int64] = [:]
        let countRows = try await query("select table_name, row_count from zenglow.backup_row_counts()", logger: logger)
        for try await (table, count) in countRows.decode((String, Int64).self) { counts[table] = count }

        var heads: [String: AuditChainHead] = [:]
        let headRows = try await query(
            "select tenant_id, seq, encode(hash, 'hex') from zenglow_audit.chain_heads", logger: logger)
        for try await (tenant, seq, hash) in headRows.decode((String, Int64, String).self) {
            heads[tenant] = AuditChainHead(seq: seq, hash: hash)
        }

        var extensions: [String: String] = [:]
        let extensionRows = try await query(
            "select extname::text, extversion from pg_extension where extname <> 'plpgsql'", logger: logger)
        for try await (name, version) in extensionRows.decode((String, String).self) { extensions[name] = version }

        let rows = try await query(
            """
            select (select coalesce(max(version), 0)::int4 from zenglow_migrations.history
                    where kind = 'versioned' and status in ('applied', 'baseline')),
                (select id::text from zenglow.installation),
                current_setting('server_version')
            """, logger: logger)
        for try await (version, installation, server) in rows.decode((Int32, String?, String).self) {
            return DatabaseState(
                schemaVersion: Int(version), rowCounts: counts, auditChainHeads: heads,
                installationID: installation ?? "", extensions: extensions, serverVersion: server)
        }
        throw DatabaseError(.server, "reading the schema version returned no row")
    }

    /// Tenants whose audit chain `zenglow_audit.verify_chain` finds broken, with its problem.
    public func brokenAuditChains(logger: Logger) async throws -> [String: String] {
        let rows = try await query(
            """
            select t.tenant_id, coalesce(v.problem, 'broken')
            from (select tenant_id from zenglow.tenants
                  union select tenant_id from zenglow_audit.chain_heads) t
            cross join lateral zenglow_audit.verify_chain(t.tenant_id) v
            where not v.ok
            """, logger: logger)
        var broken: [String: String] = [:]
        for try await (tenant, problem) in rows.decode((String, String).self) { broken[tenant] = problem }
        return broken
    }
}
