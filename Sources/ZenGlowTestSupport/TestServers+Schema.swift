import Foundation
import Logging
import PostgresNIO
import ZenGlowDB
import ZenGlowEmbedded
import ZenGlowMigrator

extension TestServers {
    /// The database ZenGlow's own schema is migrated into once per test process, and copied from.
    public static let schemaTemplateDatabase = "zenglow_schema_template"

    /// The repository root, where `migrations/`, `sql/` and `timescale/` live.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A new database with ZenGlow's schema applied (copied from a template migrated on first use).
    public func makeSchemaDatabase() async throws -> TestDatabase {
        // Set before any await, so concurrent callers share one migration.
        let migration = schemaTemplateMigration ?? Task { try await self.migrateSchemaTemplate() }
        schemaTemplateMigration = migration
        try await migration.value
        return try await makeDatabase(template: Self.schemaTemplateDatabase)
    }

    /// Migrates the schema template once. Afterwards it refuses connections, so that TimescaleDB's
    /// scheduler (which connects to every database with the extension) cannot block copies of it.
    private func migrateSchemaTemplate() async throws {
        let cluster = try postgres()
        let admin = TestDatabase(name: "postgres", cluster: cluster)
        try await admin.withConnection { connection in
            _ = try await connection.query(
                PostgresQuery(unsafeSQL: "create database \(Self.schemaTemplateDatabase)"), logger: TestDatabase.logger)
        }
        var logger = Logger(label: "zenglow.test.schema")
        logger.logLevel = .warning
        let url = DatabaseURL(
            user: PostgresCluster.superuser,
            port: cluster.settings.port,
            database: Self.schemaTemplateDatabase,
            socketDirectory: cluster.socketDirectory
        )
        let migrator = Migrator(
            source: try MigrationSource(root: Self.repositoryRoot),
            database: url,
            options: .init(lockWait: .seconds(60)),
            logger: logger
        )
        _ = try await migrator.up()
        try await admin.withConnection { connection in
            for sql in [
                "alter database \(Self.schemaTemplateDatabase) with allow_connections false",
                "select pg_terminate_backend(pid) from pg_stat_activity where datname = '\(Self.schemaTemplateDatabase)'",
            ] {
                _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: TestDatabase.logger)
            }
        }
    }
}
