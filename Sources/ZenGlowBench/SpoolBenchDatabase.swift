import Foundation
import Logging
import PostgresNIO
import ZenGlowDB
import ZenGlowMigrator

/// A throwaway database of the spool benchmark: dropped if left over, created, migrated, with
/// the tenant and this month's chunk partition (as maintenance would have made it, so no load has
/// to heal), on the server `bench speed` uses.
struct SpoolBenchDatabase: Sendable {
    let server: DatabaseURL
    let url: DatabaseURL
    let logger: Logger

    static func create(
        _ name: String, server: DatabaseURL, root: String, tenant: String, logger: Logger
    ) async throws -> SpoolBenchDatabase {
        let database = SpoolBenchDatabase(server: server, url: server.with(database: name), logger: logger)
        try await database.admin("drop database if exists \(name) with (force)")
        try await database.admin("create database \(name)")
        _ = try await Migrator(source: try MigrationSource(root: root), database: database.url, logger: logger).up()
        try await database.withConnection { connection in
            try await connection.execute("select zenglow.create_tenant(\(tenant))", logger: logger)
            try await connection.execute("select zenglow.run_maintenance()", logger: logger)
            try await connection.execute("checkpoint", logger: logger)
        }
        return database
    }

    func drop() async throws {
        try await admin("drop database if exists \(url.database) with (force)")
    }

    /// The URL as DATABASE_URL for a child, password included (it goes into the child's
    /// environment only, never into a report).
    var environmentText: String {
        func encoded(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed.subtracting(.init(charactersIn: ":@")))
                ?? text
        }
        let credentials = encoded(url.user) + (url.password.map { ":" + encoded($0) } ?? "")
        if let socket = url.socketDirectory {
            return "postgresql://\(credentials)@/\(url.database)?host=\(socket)&port=\(url.port)"
        }
        return
            "postgresql://\(credentials)@\(url.host ?? "localhost"):\(url.port)/\(url.database)?sslmode=\(url.sslMode)"
    }

    func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await url.withConnection(applicationName: "zenglow bench spool", logger: logger, body)
    }

    /// The first column of the first row of `sql`, as text.
    func value(_ sql: String) async throws -> String {
        try await withConnection { connection in
            for try await text in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(
                String.self)
            {
                return text
            }
            return ""
        }
    }

    private func admin(_ sql: String) async throws {
        try await server.withConnection(applicationName: "zenglow bench spool", logger: logger) { connection in
            try await connection.execute(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }
}
